// What server/config.ts reads, from its source: the environment variables the docs and the
// config test must cover.
import { readFileSync } from 'node:fs';

export function envVariablesRead(): string[] {
  const source = readFileSync(new URL('../../server/config.ts', import.meta.url), 'utf8');
  return [...new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!))];
}
