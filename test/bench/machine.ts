// Facts about the machine and process limits the report states beside every number.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, release, platform } from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  os: string;
  /** Open-file limits of this shell (soft, hard); the bench raises the soft one to the hard one. */
  fdSoft: number;
  fdHard: number;
  /** Load average when the run started: other work on the machine skews absolute numbers. */
  loadAverage: number[];
}

/** The shell's open-file limits; Infinity for `unlimited`. */
export function fileLimits(): { soft: number; hard: number } {
  const read = (flag: string) => {
    try {
      const out = execFileSync('sh', ['-c', `ulimit ${flag}`], { encoding: 'utf8' }).trim();
      return out === 'unlimited' ? Infinity : Number(out);
    } catch {
      return NaN;
    }
  };
  return { soft: read('-Sn'), hard: read('-Hn') };
}

export async function machineInfo(): Promise<MachineInfo> {
  const { soft, hard } = fileLimits();
  const { loadavg } = await import('node:os');
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()}`,
    fdSoft: soft,
    fdHard: hard,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** `sh -c` prefix that raises the soft open-file limit to `limit` before exec'ing the command. */
export function withFileLimit(limit: number, argv: string[]): [string, string[]] {
  const raise = Number.isFinite(limit) ? `ulimit -n ${limit} 2>/dev/null; ` : 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; ';
  return ['sh', ['-c', `${raise}exec "$0" "$@"`, ...argv]];
}
