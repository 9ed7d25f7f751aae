// Entry of a forked load-generator process: runs the tasks the bench asks for over IPC.
import { tasks, type Tasks } from './tasks';

type Request = { id: number; task: keyof Tasks; args: unknown };

process.on('message', (m: Request) => {
  const run = tasks[m.task] as (args: unknown) => Promise<unknown>;
  run(m.args).then(
    (result) => process.send!({ id: m.id, ok: true, result }),
    (err: unknown) => process.send!({ id: m.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
// The parent is gone: nothing left to generate load for.
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
