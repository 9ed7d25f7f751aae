import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * The process's logger: JSON lines, or, for a terminal, one readable line per entry. pino-pretty
 * runs as a stream in this thread (no transport worker): a terminal's volume is small, and a
 * line is never lost to a worker still starting when the process exits.
 */
export function createLogger(level: string, readable: boolean): Logger {
  if (!readable) return pino({ level });
  return pino({ level }, pretty({ singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true }));
}
