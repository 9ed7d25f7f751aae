// docs/settings.md stays true mechanically: every test it names exists with that title, every
// file it names exists, every row names a test, every environment variable server/config.ts
// reads is in it and in the README, and every field of the console's request schemas, the
// widget's appearance and the script tag's attributes is in it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DEFAULT_APPEARANCE } from '../../shared/appearance';
import { inviteSchema, setupSchema } from '../../shared/schemas/console.schema';
import {
  accountOwnersSchema,
  newSiteSchema,
  repSettingsSchema,
  routingRuleSchema,
  ruleOrderSchema,
  siteRoutingSchema,
  teamMembersSchema,
  teamSchema,
} from '../../shared/schemas/routing-config.schema';
import { siteRulesSchema, siteSettingsSchema } from '../../shared/schemas/site-rules.schema';
import { bookingSettingsSchema } from '../../shared/schemas/booking.schema';
import { TOPICS } from '../../server/webhooks/topics';
import { envVariablesRead } from '../helpers/config-source';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');
const DOC = read('docs/settings.md');
/** The doc's own words in backticks: `NAME`, `field`, `a/path.ts`. */
const ticked = new Set([...DOC.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));

/** A named test: `path` › `title`. */
const TEST_REF = /`([\w./-]+\.test\.ts)` › `([^`]+)`/g;

/** Object keys, and the values of enums a setting picks from, anywhere in a zod schema. */
function fieldsOf(schema: z.ZodType, out = new Set<string>()): Set<string> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const walk = (s: unknown) => s && fieldsOf(s as z.ZodType, out);
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        out.add(key);
        // The choices of a condition's field and of a strategy are settings in their own right.
        const inner = (value as unknown as { _zod: { def: { type: string; entries?: Record<string, string>; values?: string[] } } })._zod.def;
        if ((key === 'field' || key === 'strategy') && inner.type === 'enum') Object.values(inner.entries!).forEach((v) => out.add(v));
        if (key === 'field' && inner.type === 'literal') inner.values!.forEach((v) => out.add(v));
        walk(value);
      }
      break;
    case 'array':
      walk(def.element);
      break;
    case 'union':
      (def.options as z.ZodType[]).forEach(walk);
      break;
    case 'pipe':
      walk(def.in);
      walk(def.out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      walk(def.innerType);
      break;
  }
  return out;
}

describe('docs/settings.md', () => {
  it('names only tests that exist, by their exact titles', () => {
    const refs = [...DOC.matchAll(TEST_REF)].map((m) => ({ path: m[1]!, title: m[2]! }));
    expect(refs.length).toBeGreaterThan(80);
    const missing = refs.filter(({ path, title }) => !existsSync(`${ROOT}${path}`) || !read(path).includes(title));
    expect(missing).toEqual([]);
  });

  it('names only files that exist', () => {
    const paths = [...ticked].filter((t) => /^[\w-]+\/[\w./-]+\.(ts|tsx|md|html)$/.test(t));
    expect(paths.length).toBeGreaterThan(40);
    expect(paths.filter((p) => !existsSync(`${ROOT}${p}`))).toEqual([]);
  });

  it('gives every row of every table a test', () => {
    const rows = DOC.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| setting |'));
    expect(rows.length).toBeGreaterThan(80);
    const untested = rows.filter((row) => !new RegExp(TEST_REF.source).test(row.split(' | ').at(-1)!));
    expect(untested).toEqual([]);
  });

  it('lists every environment variable server/config.ts reads, and so does the README', () => {
    const readme = read('README.md');
    const vars = envVariablesRead();
    expect(vars.filter((v) => !ticked.has(v))).toEqual([]);
    expect(vars.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });

  it('lists every field the console’s requests can change', () => {
    const schemas = [
      siteSettingsSchema,
      siteRulesSchema,
      siteRoutingSchema,
      bookingSettingsSchema,
      routingRuleSchema,
      ruleOrderSchema,
      teamSchema,
      teamMembersSchema,
      repSettingsSchema,
      accountOwnersSchema,
      newSiteSchema,
      inviteSchema,
      setupSchema,
    ];
    const fields = new Set([
      ...schemas.flatMap((s) => [...fieldsOf(s)]),
      ...Object.keys(DEFAULT_APPEARANCE),
      ...TOPICS,
      'url',
      'kind',
      'topics',
      'offerTimeoutMs',
    ]);
    expect(fields.size).toBeGreaterThan(60);
    expect([...fields].filter((f) => !ticked.has(f) && !DOC.includes(`\`${f}\``))).toEqual([]);
  });

  it('lists every attribute of the script tag the loader reads', () => {
    const loader = read('widget/loader/own-script.ts');
    const attributes = [...loader.matchAll(/(?:data|dataset)\.(\w+)/g)].map((m) => `data-${m[1]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    expect(new Set(attributes)).toEqual(new Set(['data-site', 'data-nonce', 'data-lang', 'data-z-index']));
    expect([...attributes, 'nonce'].filter((a) => !ticked.has(a))).toEqual([]);
  });
});
