import type { Context } from 'hono';
import type { Config } from '../config';

/** Where people reach this server: `SIXTY_PUBLIC_URL`, else the origin the request came to. */
export function publicOrigin(deps: { config: Pick<Config, 'publicUrl'> }, c: Context): string {
  return deps.config.publicUrl ?? new URL(c.req.url).origin;
}
