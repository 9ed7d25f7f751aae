// Samples the server's own main thread with V8's CPU profiler (what `node --cpu-prof` uses),
// started and stopped over HTTP so the bench profiles exactly one phase of its load.
import { Session } from 'node:inspector/promises';
import { writeFile } from 'node:fs/promises';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './profile-summary';

export class CpuProfiler {
  private session: Session | null = null;

  async start(): Promise<void> {
    if (this.session) return;
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    // 200 µs keeps the profiler's own cost small at a useful resolution.
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    this.session = session;
  }

  /** Stops, optionally writes the `.cpuprofile` file, and returns the summary. */
  async stop(path: string | null): Promise<ProfileSummary | null> {
    const session = this.session;
    if (!session) return null;
    this.session = null;
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    if (path) await writeFile(path, JSON.stringify(profile));
    return summarizeProfile(profile);
  }
}
