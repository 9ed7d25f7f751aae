// The qualification engine the widget ships (registered by the *built* `sixty-qualify.js` as
// `sixty._qualify`) and the one the server runs (shared/qualify in Node) must decide exactly alike.
// fast-check generates site rules (questions, fit rules, behaviour rules with caps and decay),
// answers, traits, events, callback requests and clocks; Chromium and Node score every input, and
// the results must be deeply equal: fit, score, MQL, hot and every reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { qualify } from '../../shared/qualify/qualify';
import type { QualifyInput } from '../../shared/qualify/types';
import type { SiteRules } from '../../shared/site-rules';
import { DIST } from '../helpers/test-server';
import { launchBrowser } from '../helpers/browser';

const DAY = 24 * 3600 * 1000;
const ids = ['projects', 'size', 'role', 'notes'];
const traitNames = ['companySize', 'country', 'email', 'emailDomain', 'jobTitle', 'answer:projects', 'size'];
const values = ['commercial', 'residential', 'both', '51-200', '201+', 'us', 'de', 'CTO', 'a@gmail.com', 'b@rival.com', 'x@acme.test', ''];
const paths = ['/', '/pricing', '/pricing/team', '/blog/a', '/docs', 'https://x.test/pricing?a=1', 'https://x.test/', 'pricing'];

const disqualifier = fc.option(
  fc.record(
    { reason: fc.constantFrom('Residential only', 'Competitor'), stage: fc.constantFrom('disqualified', 'suspect', undefined) },
    { requiredKeys: ['reason'] },
  ),
  { nil: undefined },
);

const question = fc.record({
  id: fc.constantFrom(...ids),
  label: fc.constantFrom('How many employees?', 'Projects', 'Role:', 'Notes'),
  type: fc.constantFrom('single', 'text'),
  options: fc.array(
    fc.record(
      {
        value: fc.constantFrom(...values),
        label: fc.constantFrom('One', 'Two', 'Three'),
        disqualify: disqualifier,
        points: fc.option(fc.integer({ min: -10, max: 30 }), { nil: undefined }),
      },
      { requiredKeys: ['value', 'label'] },
    ),
    { maxLength: 4 },
  ),
});

const fitRule = fc.record(
  {
    id: fc.constantFrom('f1', 'f2', 'f3'),
    label: fc.constantFrom('Big company', 'Free mail', 'Rival'),
    trait: fc.constantFrom(...traitNames),
    op: fc.constantFrom('equals', 'in', 'contains', 'gte', 'lte'),
    value: fc.oneof(fc.constantFrom(...values), fc.integer({ min: 0, max: 1000 }), fc.array(fc.constantFrom(...values), { maxLength: 3 })),
    points: fc.option(fc.integer({ min: -20, max: 40 }), { nil: undefined }),
    disqualify: disqualifier,
  },
  { requiredKeys: ['id', 'label', 'trait', 'op', 'value'] },
);

const behaviourRule = fc.record(
  {
    id: fc.constantFrom('b1', 'b2', 'b3', 'b4'),
    label: fc.constantFrom('Viewed pricing', 'Read the blog', 'Downloaded'),
    type: fc.constantFrom('page_view', 'download', 'custom', 'click'),
    name: fc.option(fc.constantFrom('demo_request', 'pricing_cta'), { nil: undefined }),
    urlContains: fc.option(fc.constantFrom('/pricing', '/blog', 'x.test'), { nil: undefined }),
    urlPattern: fc.option(fc.constantFrom('/pricing*', '/blog/*', '*', '/'), { nil: undefined }),
    points: fc.integer({ min: 0, max: 50 }),
    count: fc.option(fc.constantFrom('each', 'once'), { nil: undefined }),
    cap: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  },
  { requiredKeys: ['id', 'label', 'type', 'points'] },
);

const rules: fc.Arbitrary<SiteRules> = fc.record(
  {
    version: fc.integer({ min: 1, max: 9 }),
    questions: fc.uniqueArray(question, { selector: (q) => q.id, maxLength: 3 }) as fc.Arbitrary<SiteRules['questions']>,
    behaviour: fc.uniqueArray(behaviourRule, { selector: (b) => b.id, maxLength: 4 }) as fc.Arbitrary<SiteRules['behaviour']>,
    fit: fc.option(fc.uniqueArray(fitRule, { selector: (f) => f.id, maxLength: 3 }), { nil: undefined }) as fc.Arbitrary<SiteRules['fit']>,
    decayHalfLifeDays: fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 30, noNaN: true })), { nil: undefined }),
    mqlThreshold: fc.integer({ min: 0, max: 60 }),
    hotThreshold: fc.integer({ min: 30, max: 120 }),
    handRaiseEvents: fc.array(fc.constantFrom('demo_request', 'quote_request'), { maxLength: 2 }),
  },
  { requiredKeys: ['version', 'questions', 'behaviour', 'mqlThreshold', 'hotThreshold', 'handRaiseEvents'] },
);

const input: fc.Arbitrary<QualifyInput> = fc.record({
  rules,
  answers: fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...values, '  commercial ', '   ')),
  traits: fc.dictionary(
    fc.constantFrom(...traitNames, 'company', 'phone'),
    fc.oneof(fc.constantFrom(...values), fc.integer({ min: 1, max: 5000 }), fc.boolean()),
  ),
  events: fc.array(
    fc.record(
      {
        type: fc.constantFrom('page_view', 'download', 'custom', 'click'),
        name: fc.option(fc.constantFrom('demo_request', 'quote_request', 'pricing_cta'), { nil: undefined }),
        url: fc.option(fc.constantFrom(...paths), { nil: undefined }),
        at: fc.integer({ min: 0, max: 90 * DAY }),
      },
      { requiredKeys: ['type', 'at'] },
    ),
    { maxLength: 40 },
  ),
  callbackRequested: fc.boolean(),
  now: fc.integer({ min: 0, max: 120 * DAY }),
});

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.setContent('<!doctype html><title>parity</title>');
  // The engine's bundle registers on an existing `sixty` global, as the widget's bundles do.
  await page.evaluate(() => ((window as unknown as { sixty: unknown }).sixty = function sixty() {}));
  await page.addScriptTag({ content: readFileSync(join(DIST, 'widget', 'sixty-qualify.js'), 'utf8') });
});
afterAll(async () => {
  await browser?.close();
});

describe('the widget and the server qualify alike', () => {
  it('on generated rules, answers, traits and events: identical results from the built bundle in Chromium and from Node', async () => {
    expect(await page.evaluate(() => typeof (window as unknown as { sixty: { _qualify?: unknown } }).sixty._qualify)).toBe('function');
    const seed = Number(process.env.SIXTY_PARITY_SEED ?? Date.now() % 2 ** 31);
    const batch = fc.sample(input, { numRuns: 1000, seed });
    // JSON round trip first: what crosses into the page is what both sides score.
    const inputs = JSON.parse(JSON.stringify(batch)) as QualifyInput[];
    const inBrowser: unknown[] = [];
    for (let i = 0; i < inputs.length; i += 500) {
      const slice = inputs.slice(i, i + 500);
      inBrowser.push(
        ...(await page.evaluate((all) => all.map((one) => (window as unknown as { sixty: { _qualify(i: unknown): unknown } }).sixty._qualify(one)), slice)),
      );
    }
    const inNode = inputs.map((one) => qualify(one));
    const first = inNode.findIndex((q, i) => JSON.stringify(q) !== JSON.stringify(inBrowser[i]));
    expect(first === -1 ? null : { seed, input: inputs[first], node: inNode[first], browser: inBrowser[first] }).toBeNull();
    expect(inBrowser).toEqual(inNode);
    // The generator reaches every outcome, so the comparison means something.
    const outcomes = new Set(inNode.map((q) => `${q.fit.status}${q.hot ? ' hot' : q.mql ? ' mql' : ''}`));
    expect([...outcomes].sort()).toEqual(expect.arrayContaining(['fails', 'passes', 'passes hot', 'passes mql', 'unknown']));
  });
});
