// Issue 14, finding 1: behaviour-rule URL globs were compiled to backtracking regexes. A
// manager's backtest with `/*a*a*a*a*b` against a 165-character URL froze the process for 4 s,
// and a published `/*/*/*/pricing` plus one visitor event of 1,500 slashes stalled every request
// for a second. The matcher's work is counted here (never timed): it grows linearly with the
// path, and the real server builds no regular expression from a pattern.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globMatch, MAX_GLOB_PATH } from '../../shared/qualify/url-glob';
import { WORST_GLOBS, worstPath } from '../helpers/glob-worst';
import { pageView, postEvents } from '../helpers/events';
import { rows, signIn, startTestServer, type TestServer } from '../helpers/test-server';

describe('the URL glob matcher (steps counted, not timed)', () => {
  it.each(WORST_GLOBS)('does work linear in the path for $pattern', (worst) => {
    const { pattern } = worst;
    const lengths = [150, 300, 600, 1200, 1500, MAX_GLOB_PATH];
    const steps = lengths.map((n) => worstPath(worst, n).steps);
    console.log(`${pattern.slice(0, 24)}: ${lengths.map((n, i) => `${n} chars ${steps[i]} steps`).join(', ')}`);
    lengths.forEach((n, i) => expect(steps[i], `${n} chars`).toBeLessThanOrEqual(2 * (n + pattern.length)));
    // Doubling the path at most doubles the work (plus slack for the constant part).
    for (let i = 1; i < 4; i++) expect(steps[i]! / steps[i - 1]!).toBeLessThanOrEqual(2.2);
  });

  it('scores no path past its limit, so a 3,000-character path costs nothing', () => {
    for (const { pattern, paths } of WORST_GLOBS) {
      const count = { steps: 0 };
      expect(paths.some((path) => globMatch(pattern, path(3000), count))).toBe(false);
      expect(count.steps).toBe(0);
    }
  });
});

/**
 * Sources of every RegExp built while `run` runs. The test server runs in this process, so a
 * regex the server builds from a pattern shows up here, whatever the code path.
 */
async function regexesBuiltDuring<T>(run: () => Promise<T>): Promise<{ result: T; sources: string[] }> {
  const Native = globalThis.RegExp;
  const sources: string[] = [];
  const record = (args: unknown[]) => sources.push(args[0] instanceof Native ? args[0].source : String(args[0]));
  globalThis.RegExp = new Proxy(Native, {
    construct: (target, args, newTarget) => (record(args), Reflect.construct(target, args, newTarget)),
    apply: (target, self, args) => (record(args), Reflect.apply(target, self, args)),
  });
  try {
    return { result: await run(), sources };
  } finally {
    globalThis.RegExp = Native;
  }
}

/** Whether a regex source carries a pattern's literal characters in order (`^/.*a.*a.*a.*a.*b$`). */
const builtFrom = (pattern: string) => (source: string) => source.replace(/[^a-z/]/g, '').includes(pattern.replace(/\*/g, ''));

let server: TestServer;
let siteId: string;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  siteId = (await server.deps.store.siteByKey(server.siteKey))!.id;
  admin = await signIn(server.url, 'admin@demo.sixty');
});
afterAll(() => server.stop());

async function rules(path: string, body?: unknown) {
  const res = await fetch(`${server.url}/v1/sites/${siteId}/rules${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const rule = (id: string, urlPattern: string, points: number) => ({ id, label: id, type: 'page_view', urlPattern, points });

describe('a real server', () => {
  it('backtests `/*a*a*a*a*b` against a 165-character URL without building a regex from it', async () => {
    // Two known leads whose fit passes (MQL, not hot); one visited a path the pattern matches.
    const lead = (name: string, phone: string, path: string) => ({
      siteKey: server.siteKey,
      visitorId: `visitor_${phone.slice(-4)}_glob`,
      events: [{ type: 'identify', at: Date.now(), props: { name, phone, projects: 'commercial', size: '201+', role: 'evaluating' } }, pageView(path)],
    });
    const miss = `/${'a'.repeat(164)}`;
    const hit = `/${'a'.repeat(163)}b`;
    expect([miss.length, hit.length]).toEqual([165, 165]);
    expect((await postEvents(server.url, lead('Glob Miss', '+1 415 555 0181', miss))).status).toBe(200);
    expect((await postEvents(server.url, lead('Glob Hit', '+1 415 555 0182', hit))).status).toBe(200);

    const current = (await rules('')).body.current;
    const draft = { ...current, behaviour: [...current.behaviour, rule('glob-a', '/*a*a*a*a*b', 100)] };
    const { result, sources } = await regexesBuiltDuring(() => rules('/backtest', draft));
    expect(result.status).toBe(200);
    const flipped = result.body.flips.map((f: { name: string; from: string; to: string }) => `${f.name}: ${f.from} -> ${f.to}`);
    expect(flipped).toContain('Glob Hit: mql -> hot');
    expect(flipped.filter((f: string) => f.startsWith('Glob Miss'))).toEqual([]);
    expect(sources.filter(builtFrom('/*a*a*a*a*b'))).toEqual([]);
  });

  it('scores a published `/*/*/*/pricing` against events of 1,500 slashes without building a regex from it', async () => {
    const current = (await rules('')).body.current;
    const saved = await rules('', { ...current, behaviour: [...current.behaviour, rule('glob-slashes', '/*/*/*/pricing', 40)] });
    expect(saved.status).toBe(201);
    expect((await rules(`/${saved.body.version}/publish`, {})).status).toBe(200);

    const slashes = { siteKey: server.siteKey, visitorId: 'visitor_slashes_miss', events: [pageView('/'.repeat(1500))] };
    const pricing = { siteKey: server.siteKey, visitorId: 'visitor_slashes_hit', events: [pageView(`${'/'.repeat(1492)}/pricing`)] };
    const { result, sources } = await regexesBuiltDuring(async () => [await postEvents(server.url, slashes), await postEvents(server.url, pricing)]);
    expect(result.map((r) => r.status)).toEqual([200, 200]);
    expect(sources.filter(builtFrom('/*/*/*/pricing'))).toEqual([]);
    const score = async (v: string) => (await rows<{ score: number }>(server, 'select score from visitors where visitor_id = ?', v))[0]?.score;
    // A page view earns 1 and any `/pricing` URL 15; the glob's 40 only where it matches.
    expect(await score('visitor_slashes_miss')).toBe(1);
    expect(await score('visitor_slashes_hit')).toBe(56);
  });

  it('refuses a pattern with more than 8 stars, naming the field', async () => {
    const current = (await rules('')).body.current;
    const res = await rules('', { ...current, behaviour: [...current.behaviour, rule('glob-stars', '/*a*a*a*a*a*a*a*a*b', 5)] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ [`behaviour.${current.behaviour.length}.urlPattern`]: 'Use at most 8 * in a URL pattern' });
  });
});
