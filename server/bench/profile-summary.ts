// Reduces a V8 CPU profile (the format `node --cpu-prof` writes) to the functions and modules
// that took the most self time, for the benchmark report.

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface SelfTime {
  name: string;
  /** Milliseconds of self time in the profile. */
  ms: number;
  /** Share of all sampled time, 0-100. */
  pct: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of time the thread was idle (waiting for I/O), 0-100. */
  idlePct: number;
  functions: SelfTime[];
  /** Self time grouped by package (`node_modules/<name>`), project folder, or V8/Node internals. */
  modules: SelfTime[];
  /**
   * Time charged to the innermost function of our own code (server/, shared/) on the stack:
   * its self time plus the library and native calls it made. Says which of our operations
   * the time goes to when the self time sits in SQLite or a library.
   */
  projectFunctions: SelfTime[];
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next sample (the last one gets the mean).
  const mean = deltas.length ? deltas.reduce((a, b) => a + b, 0) / deltas.length : 0;
  for (let i = 0; i < samples.length; i++) {
    const dt = i + 1 < deltas.length ? deltas[i + 1]! : mean;
    selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + Math.max(0, dt));
  }
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const fns = new Map<string, number>();
  const project = new Map<string, number>();
  const mods = new Map<string, number>();
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') idleUs += us;
    // Files only: under tsx, V8 sees transpiled code, so its line numbers are not the source's.
    const where = frame.url ? shortUrl(frame.url) : '';
    const key = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    const mod = moduleOf(frame.url, frame.functionName);
    mods.set(mod, (mods.get(mod) ?? 0) + us);
    const own = ownFrame(id, byId, parent);
    if (own) project.set(own, (project.get(own) ?? 0) + us);
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: round(us / 1000), pct: round((100 * us) / totalUs) }));
  return {
    totalMs: round(totalUs / 1000),
    idlePct: round((100 * idleUs) / totalUs),
    functions: rank(fns),
    modules: rank(mods),
    projectFunctions: rank(project),
  };
}

/** The innermost frame from the project's own server/ or shared/ code at or above `id`. */
function ownFrame(id: number, byId: Map<number, CpuProfileNode>, parent: Map<number, number>): string | null {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame?.url || frame.url.includes('/node_modules/')) continue;
    const short = shortUrl(frame.url);
    if (/^(server|shared)\//.test(short) && !short.startsWith('server/bench/')) return `${frame.functionName || '(anonymous)'} ${short}`;
  }
  return null;
}

function shortUrl(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) return clean.slice(nm + '/node_modules/'.length);
  for (const root of ['/server/', '/shared/', '/widget/', '/test/']) {
    const i = clean.lastIndexOf(root);
    if (i >= 0) return clean.slice(i + 1);
  }
  return clean;
}

function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native / V8)';
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = clean.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (clean.startsWith('node:')) return 'node internals';
  for (const root of ['server/', 'shared/']) {
    const i = clean.lastIndexOf(`/${root}`);
    if (i >= 0) {
      const rest = clean.slice(i + 1).split('/');
      return rest.length > 2 ? `${rest[0]}/${rest[1]}` : rest[0]!;
    }
  }
  return clean;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
