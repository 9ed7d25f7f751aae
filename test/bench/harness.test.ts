// Runs the whole benchmark harness in its tiny configuration (one server process, forked load
// generators, Chromium), so the harness cannot rot. It checks that every figure was produced,
// never how fast anything was: the benchmark itself asserts nothing.
import { describe, expect, it } from 'vitest';
import { TINY } from './config';
import { REPORT_CALLS } from './figures/reports';
import { runBench } from './harness';
import { renderDoc } from './report-doc';
import { renderSummary } from './report-summary';
import { renderVoiceBlock } from './report-voice';
import type { Spread } from './stats';

const finite = (s: Spread) => Number.isFinite(s.median) && s.rounds.length === TINY.rounds;

describe('benchmark harness (tiny configuration)', () => {
  it('produces all eight figures, each over its rounds, and renders them', { timeout: 180_000 }, async () => {
    const log: string[] = [];
    const r = await runBench(TINY, { profileDir: null, log: (m) => log.push(m) });
    expect(r.errors, log.join('\n')).toEqual({});
    const f = r.figures;

    expect(f.ingest && finite(f.ingest.bare.rps) && finite(f.ingest.single.rps) && finite(f.ingest.batch.eventsPerSecond)).toBe(true);
    expect(finite(f.ingest!.bareBatch.eventsPerSecond) && finite(f.ingest!.batchToBare)).toBe(true);
    expect(f.ingest!.failedRequests).toBe(0);

    expect(f.submit && finite(f.submit.submitToOffer.p50) && finite(f.submit.bareRoundTrip.p99)).toBe(true);
    expect(f.submit!.missing).toBe(0);
    expect(finite(f.submit!.quiet.p50) && finite(f.submit!.toQuietP99)).toBe(true);
    expect(f.submit!.idleSockets.connected).toBe(TINY.submit.idleSockets);

    expect(f.connections!.visitor.steps).toHaveLength(TINY.connections.steps.length);
    expect(Number.isFinite(f.connections!.visitor.rssSlope.median)).toBe(true);
    expect(f.connections!.push?.submitToOffer.pooled.n).toBeGreaterThan(0);

    expect(f.scoring && finite(f.scoring.node.default.incrementalUs) && finite(f.scoring.browser.default.incrementalUs)).toBe(true);
    expect(f.scoring!.globs!.map((g) => finite(g.matchNs) && finite(g.includesNs) && g.steps > 0)).toEqual([true, true, true, true]);

    expect(f.widget!.files.map((w) => w.file)).toContain('dist/widget/sixty.js');
    expect(Number.isFinite(f.widget!.normal.launcherVisibleMs.median)).toBe(true);
    expect(Number.isFinite(f.widget!.normal.panelInteractiveMs.median)).toBe(true);

    expect(f.volume!.accepted.rounds.every((n) => n > 0)).toBe(true);
    expect(f.volume!.perRep.max).toBeGreaterThan(0);

    // Figure 7: every report call answered on both ranges, over the generated leads, beside its baselines.
    const reports = f.reports!;
    expect(reports.generated.lead).toBe(TINY.reports.size.leads);
    expect(reports.ranges.map((x) => x.days)).toEqual(TINY.reports.rangesDays);
    for (const range of reports.ranges) {
      expect(range.rows.leads).toBeGreaterThan(0);
      expect(Number.isFinite(range.bareCount.ms.p50) && Number.isFinite(range.bareScan.ms.p50)).toBe(true);
      expect(range.calls.map((c) => c.name)).toEqual(REPORT_CALLS.map((c) => c.name));
      expect(range.calls.every((c) => c.ms.n >= TINY.reports.rounds && Number.isFinite(c.ratioToCount))).toBe(true);
    }
    // The 400-day export holds every generated lead of the workspace.
    expect(reports.ranges.at(-1)!.calls.find((c) => c.name === 'reports.exportRows')!.size).toBe(TINY.reports.size.leads);

    // Figure 8: every browser call reached the visitor's ear, in order, beside as many bare connects.
    const voice = f.voice!;
    expect(voice.perCall).toHaveLength(TINY.voice.calls);
    expect(voice.perCall.every((c) => 0 < c.offerShownMs && c.offerShownMs <= c.acceptClickedMs && c.acceptClickedMs < c.voiceMs)).toBe(true);
    expect(voice.bare.every((b) => b.ms > 0) && voice.bare.length === TINY.voice.calls).toBe(true);
    expect(renderVoiceBlock(r)).toContain('### 8. Hand-raise to voice in the browser');

    expect(r.protections.site).toMatchObject({ botFilter: false });
    expect(renderSummary(r)).toContain('Submit to rep screen, p50');
    expect(renderDoc(r)).toContain('## Machine');
    expect(renderDoc(r)).toContain('### 7. Reports over 100k leads / 2M events');
  });
});
