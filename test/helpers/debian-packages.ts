// Debian packages a test needs on the machine (LibreOffice, and later Radicale, coturn, Chromium):
// installed with apt-get when missing, as root on Debian, saying what it does. Where it cannot
// install (not root, not Debian), it fails with the exact command to run: a test that needs a
// server never skips, or a green run would hide that nothing was checked.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface EnsureOptions {
  /** A program the packages provide; when it is on PATH, nothing is installed. */
  binary: string;
  /** Longest wait for apt-get (an update and an install of a large package). */
  timeoutMs?: number;
}

function onPath(binary: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v "$1"`, 'sh', binary], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

/** Installs `packages` unless `binary` is already there; returns the binary's path. */
export function ensureDebianPackages(packages: readonly string[], { binary, timeoutMs = 15 * 60_000 }: EnsureOptions): string {
  const present = onPath(binary);
  if (present) return present;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const isDebian = existsSync('/etc/debian_version') && onPath('apt-get') !== null;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isDebian || !isRoot) {
    throw new Error(
      `This test needs \`${binary}\` from Debian's ${packages.join(', ')}, which is not installed, and it cannot install it here ` +
        `(${isDebian ? 'not root' : 'not a Debian machine with apt-get'}). Install it, as root: ${command}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.info(`[debian-packages] ${binary} is missing: installing ${packages.join(', ')} with \`${command}\``);
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'inherit', timeout: timeoutMs });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, stdio: 'inherit', timeout: timeoutMs });
  const installed = onPath(binary);
  if (!installed) throw new Error(`Installed ${packages.join(', ')}, but \`${binary}\` is still not on PATH`);
  console.info(`[debian-packages] installed ${packages.join(', ')}: ${installed}`);
  return installed;
}
