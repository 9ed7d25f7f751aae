// `npm run typecheck`: the six TypeScript projects (tsconfig.json for tests and scripts, and the
// five area projects that prove the boundaries: shared without DOM or Node, widget and console
// without Node, server without DOM, the console's service worker with worker globals only). Each `tsc` is single-threaded, so they run side by side, as
// many at once as the machine has cores; on 2 cores this halves the step `npm test` waits for.
// Every project's errors are printed in full; the step fails if any project fails.
//
// The checker is TypeScript 7 (the `typescript-7` alias of typescript@7), the Go-native compiler:
// the same language and the same errors as 5.9, several times faster and multi-threaded. The
// `typescript` 5.9 package stays for the tools that use its JavaScript API (dependency-cruiser,
// test/architecture/db-imports.test.ts) and for editors.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** Longest first, so the slow projects never start last. */
const PROJECTS = ['tsconfig.json', 'tsconfig.server.json', 'tsconfig.console.json', 'tsconfig.widget.json', 'tsconfig.shared.json', 'tsconfig.sw.json'];

type Result = { project: string; ok: boolean; seconds: number; output: string };

function check(project: string): Promise<Result> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/typescript-7/bin/tsc', '--noEmit', '-p', project], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ project, ok: code === 0, seconds: (Date.now() - started) / 1000, output }));
  });
}

async function main() {
  const queue = [...PROJECTS];
  const results: Result[] = [];
  const lane = async () => {
    for (let project = queue.shift(); project; project = queue.shift()) {
      const result = await check(project);
      results.push(result);
      console.info(`[typecheck] ${result.ok ? 'ok  ' : 'FAIL'} ${project} (${result.seconds.toFixed(1)} s)`);
      if (!result.ok) console.error(result.output);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), PROJECTS.length)) }, lane));
  if (results.some((r) => !r.ok)) process.exit(1);
}

void main();
