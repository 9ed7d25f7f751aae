// How the process logs, decided once at start from where stdout goes and `SIXTY_LOG_FORMAT`.

export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogOutput {
  /** Human-readable lines (pino-pretty) instead of JSON lines. */
  pretty: boolean;
  /** Level of the one line per request. */
  requestLevel: 'info' | 'debug';
}

/**
 * A person at a terminal gets readable lines and no line per request (at the default level), so
 * the sign-in banner stays in sight; files and pipes get JSON with every request at info, the
 * access log operators collect. `SIXTY_LOG_FORMAT` overrides the guess either way, and
 * `SIXTY_LOG_LEVEL=debug` brings request lines back to the terminal.
 */
export function logOutput(stdoutIsTTY: boolean, format: LogFormat): LogOutput {
  const pretty = format === 'pretty' || (format === 'auto' && stdoutIsTTY);
  return { pretty, requestLevel: pretty ? 'debug' : 'info' };
}
