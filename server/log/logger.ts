import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

/**
 * The process's logger: JSON lines, or, for a terminal, one readable line per entry. pino-pretty
 * runs as a stream in this thread (no transport worker): a terminal's volume is small, and a
 * line is never lost to a worker still starting when the process exits.
 */
/**
 * Secrets that must never reach a log line, wherever an object carrying them is logged: a
 * calendar's app password (plain or sealed), an Authorization header of an outbound request.
 */
export const REDACT = ['password', '*.password', 'sealedPassword', '*.sealedPassword', 'authorization', '*.authorization', '*.headers.authorization'];

export function createLogger(level: string, readable: boolean): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (!readable) return pino(options);
  return pino(options, pretty({ singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true }));
}
