// The site config as the panel may use it: every field it reads checked, so a proxy's error page
// or a half-written config shows "unavailable" (or drops one bad question) instead of throwing.
import type { Question } from '../../shared/site-rules';
import type { LoaderConfig } from '../contract';

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** The config with its questions and numbers checked, or null when it is not a config at all. */
export function readConfig(raw: unknown): LoaderConfig | null {
  const c = raw as LoaderConfig | null;
  if (!c || typeof c !== 'object' || !Array.isArray(c.questions)) return null;
  const questions: Question[] = [];
  for (const q of c.questions as unknown[] as Question[]) {
    if (!q || !isText(q.id) || !isText(q.label) || (q.type !== 'single' && q.type !== 'text')) continue;
    const options = Array.isArray(q.options) ? q.options.filter((o) => o && isText(o.value) && isText(o.label)) : [];
    if (q.type === 'single' && !options.length) continue;
    questions.push({ id: q.id, label: q.label, type: q.type, options });
  }
  return {
    ...c,
    siteName: isText(c.siteName) ? c.siteName : '',
    promiseSeconds: c.promiseSeconds > 0 ? c.promiseSeconds : 60,
    questions,
  };
}

export async function fetchSiteConfig(origin: string, siteKey: string): Promise<LoaderConfig> {
  const res = await fetch(`${origin}/v1/sites/${encodeURIComponent(siteKey)}/config`, { credentials: 'omit' });
  const config = res.ok ? readConfig(await res.json()) : null;
  if (!config) throw new Error(`site config: HTTP ${res.status}`);
  return config;
}
