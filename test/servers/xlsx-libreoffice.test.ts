// The .xlsx export as LibreOffice reads it (issue 16, item 10): the CSV's "+14155550199" opens in
// LibreOffice as the number 14155550199, so the export also comes as .xlsx whose phone, id and
// answer cells are text. Here the real file from the server is converted by LibreOffice headless
// (Debian's libreoffice-calc-nogui) to flat ODF, and its cells are read back: the phone keeps its
// "+" as a string cell, and no cell is a formula, even a value that starts with "=".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDebianPackages } from '../helpers/debian-packages';
import { pageView, postEvents } from '../helpers/events';
import { callbackBody, postCallback, signIn, startTestServer, type TestServer } from '../helpers/test-server';

let soffice: string;
let server: TestServer;
let dir: string;

const HOSTILE = '=HYPERLINK("http://evil.example","open me")';

beforeAll(async () => {
  soffice = ensureDebianPackages(['libreoffice-calc-nogui'], { binary: 'soffice' });
  dir = mkdtempSync(join(tmpdir(), 'sixty-xlsx-'));
  server = await startTestServer();
  const visitorId = `visitor_sheet_${Date.now().toString(36)}`;
  await postEvents(server.url, {
    siteKey: server.siteKey,
    visitorId,
    events: [pageView('/'), { type: 'identify', at: Date.now(), props: { company: '@Acme Ovens' } }],
  });
  await postCallback(server.url, callbackBody(server.siteKey, { name: 'Sheet Person', phone: '+1 415 555 0199', visitorId }));
  await postCallback(
    server.url,
    callbackBody(server.siteKey, { name: HOSTILE, phone: '+1 415 555 0198', answers: { projects: 'commercial', size: '11-50', role: 'decision' } }),
  );
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface OdsCell {
  type: string | null;
  formula: boolean;
  text: string;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The first sheet's rows as LibreOffice wrote them in flat ODF (repeated cells expanded). */
function odsRows(fods: string): OdsCell[][] {
  const table = fods.slice(fods.indexOf('<table:table '), fods.indexOf('</table:table>'));
  return [...table.matchAll(/<table:table-row\b[^>]*>([\s\S]*?)<\/table:table-row>/g)].map(([, row]) => {
    const cells: OdsCell[] = [];
    for (const [, attrs, body] of row!.matchAll(/<table:(?:covered-)?table-cell\b([^>]*?)(?:\/>|>([\s\S]*?)<\/table:(?:covered-)?table-cell>)/g)) {
      const repeated = Number(/table:number-columns-repeated="(\d+)"/.exec(attrs!)?.[1] ?? 1);
      const paragraphs = [...(body ?? '').matchAll(/<text:p\b[^>]*>([\s\S]*?)<\/text:p>/g)].map(([, p]) =>
        unescape(p!.replace(/<text:s\/>/g, ' ').replace(/<[^>]+>/g, '')),
      );
      const cell = { type: /office:value-type="([^"]+)"/.exec(attrs!)?.[1] ?? null, formula: /table:formula=/.test(attrs!), text: paragraphs.join('\n') };
      // Trailing empty cells repeat to the sheet's edge: keep just one of those.
      for (let i = 0; i < Math.min(repeated, cell.type === null ? 1 : repeated); i++) cells.push(cell);
    }
    return cells;
  });
}

describe('the .xlsx export in LibreOffice', () => {
  it('keeps phones, ids and answers as text, and turns no value into a formula', { timeout: 120_000 }, async () => {
    const admin = await signIn(server.url, 'admin@demo.sixty');
    const res = await fetch(`${server.url}/v1/console/reports/leads.xlsx`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="sixty-leads-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const xlsx = join(dir, 'leads.xlsx');
    writeFileSync(xlsx, Buffer.from(await res.arrayBuffer()));

    // A profile of its own, so a LibreOffice already running elsewhere (or a first run) does not interfere.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    execFileSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'fods', '--outdir', dir, xlsx], {
      stdio: 'pipe',
      timeout: 90_000,
    });
    const rows = odsRows(readFileSync(join(dir, 'leads.fods'), 'utf8'));

    const header = rows[0]!.map((c) => c.text);
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const rowOf = (name: string) => rows.find((r) => r[col('name')]?.text === name)!;
    const person = rowOf('Sheet Person');
    expect(person[col('phone')]).toEqual({ type: 'string', formula: false, text: '+14155550199' });
    expect(person[col('id')]!.type).toBe('string');
    expect(person[col('company')]).toEqual({ type: 'string', formula: false, text: '@Acme Ovens' });
    // "51-200" would open as a date or a sum from a CSV.
    expect(person[col('How many employees?')]).toEqual({ type: 'string', formula: false, text: '51-200' });
    expect(person[col('captured_at')]!.type).toBe('date');
    expect(person[col('score')]!.type).toBe('float');

    // Formula-like values stay the text they were.
    const hostile = rowOf(HOSTILE);
    expect(hostile[col('name')]).toEqual({ type: 'string', formula: false, text: HOSTILE });
    expect(hostile[col('phone')]!.text).toBe('+14155550198');
    expect(rows.flat().filter((c) => c.formula)).toEqual([]);
  });
});
