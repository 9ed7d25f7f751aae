// Counts what the stores make better-sqlite3 do while a measured step runs: each statement
// executed (with the top-level transaction it ran in), each statement prepared, and top-level
// transactions (explicit ones, and single writes outside any, each its own implicit
// transaction). The architecture cost tests (capture-cost, ingest-cost) read it: counts, never
// timings, so they hold on a busy machine.
import Database from 'better-sqlite3';

export interface Execution {
  /** The top-level transaction it ran in (a write outside one gets a number of its own; a read outside one, 0). */
  tx: number;
  sql: string;
  method: 'run' | 'get' | 'all' | 'iterate';
  write: boolean;
}

export interface Metered<T> {
  value: T;
  executions: Execution[];
  transactions: number;
  /** The source of every statement prepared during the step. */
  prepared: string[];
}

export interface SqliteMeter {
  /** Counts from the call of `step` until its promise settles. */
  measure<T>(step: () => Promise<T>): Promise<Metered<T>>;
  /** Puts better-sqlite3 back as it was. */
  uninstall(): void;
}

type TransactionFn = ((...args: unknown[]) => unknown) & Record<string, (...args: unknown[]) => unknown>;
const METHODS = ['run', 'get', 'all', 'iterate'] as const;

/** Installs the counting wrappers; stores opened afterwards are metered (open them after this). */
export function installSqliteMeter(): SqliteMeter {
  let counting = false;
  let transactions = 0;
  /** The top-level transaction running now, to see which statements commit together. */
  let current = 0;
  let executions: Execution[] = [];
  let prepared: string[] = [];

  const proto = Database.prototype as unknown as { transaction: (fn: unknown) => TransactionFn; prepare: (source: string) => Database.Statement };
  const original = { transaction: proto.transaction, prepare: proto.prepare };

  // Every transaction function the stores make (at start-up too) counts when it opens a top-level transaction.
  proto.transaction = function transaction(this: Database.Database, fn: unknown) {
    const made = original.transaction.call(this, fn);
    const db = this;
    const counted = (run: (...args: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        if (db.inTransaction || !counting) return run.apply(this, args);
        current = ++transactions;
        try {
          return run.apply(this, args);
        } finally {
          current = 0;
        }
      };
    const wrapped = counted(made) as TransactionFn;
    for (const k of ['deferred', 'immediate', 'exclusive']) wrapped[k] = counted(made[k]!);
    return wrapped;
  };

  proto.prepare = function prepare(this: Database.Database, source: string) {
    if (counting) prepared.push(source);
    const statement = original.prepare.call(this, source);
    const db = this;
    const write = /^\s*(insert|update|delete)/i.test(source);
    const methods = statement as unknown as Record<(typeof METHODS)[number], (...params: unknown[]) => unknown>;
    for (const method of METHODS) {
      const call = methods[method].bind(statement);
      methods[method] = (...params: unknown[]) => {
        if (counting) executions.push({ tx: db.inTransaction ? current : write ? ++transactions : 0, sql: source, method, write });
        return call(...params);
      };
    }
    return statement;
  };

  return {
    async measure(step) {
      executions = [];
      prepared = [];
      transactions = 0;
      counting = true;
      try {
        const value = await step();
        return { value, executions, transactions, prepared };
      } finally {
        counting = false;
      }
    },
    uninstall() {
      proto.transaction = original.transaction;
      proto.prepare = original.prepare;
    },
  };
}
