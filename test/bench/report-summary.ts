// The summary table: one row per measure, printed by `npm run bench` and placed in the doc.
import { CONNECTION_GOALS } from './figures/connections';
import { BATCH_SIZE, INGEST_GOALS } from './figures/ingest';
import { isExport, REPORT_GOAL_MS } from './figures/reports';
import { SCORING_GOALS } from './figures/scoring';
import { BACKGROUND_GOALS, SUBMIT_GOALS } from './figures/submit';
import type { WidgetSpeed } from './figures/widget';
import { kb, met, num, pct, sp, table, x, type Row } from './report-format';
import { shortPattern } from './report-globs';
import type { BenchResults } from './results';
import type { Spread } from './stats';

export function summaryRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const f = r.figures;
  if (f.submit) {
    const s = f.submit;
    rows.push([
      '1',
      'Submit to rep screen, p50',
      sp(s.submitToOffer.p50, 'ms'),
      sp(s.bareRoundTrip.p50, 'ms'),
      x(s.ratioP50),
      `< ${SUBMIT_GOALS.p50Ms} ms`,
      met(s.goals.p50),
    ]);
    rows.push([
      '1',
      'Submit to rep screen, p99',
      sp(s.submitToOffer.p99, 'ms'),
      sp(s.bareRoundTrip.p99, 'ms'),
      x(s.ratioP99),
      `< ${SUBMIT_GOALS.p99Ms} ms`,
      met(s.goals.p99),
    ]);
    rows.push([
      '1',
      `Submit to rep screen, p99.9 (all ${num(s.submitToOffer.pooled.n)} samples: ${num(s.submitToOffer.pooled.p999, 'ms')})`,
      sp(s.submitToOffer.p999, 'ms'),
      sp(s.bareRoundTrip.p999, 'ms'),
      '',
      '',
      '',
    ]);
  }
  if (f.submit?.quiet) {
    const s = f.submit;
    rows.push([
      '1',
      `Submit to rep screen beside half of ingest's maximum (${num(s.background.achievedRps)} req/s, ${num(s.background.shed)} shed), p50 / p99`,
      `${num(s.submitToOffer.p50.median, 'ms')} / ${num(s.submitToOffer.p99.median, 'ms')}`,
      `${num(s.quiet.p50.median, 'ms')} / ${num(s.quiet.p99.median, 'ms')} quiet`,
      `${x(s.toQuietP50)} / ${x(s.toQuietP99)}`,
      `≤ ${BACKGROUND_GOALS.toQuiet}× quiet, none shed`,
      met(s.goals.backgroundSustained),
    ]);
  }
  if (f.ingest) {
    const g = f.ingest;
    rows.push([
      '2',
      'Ingest, 1-event requests',
      sp(g.single.rps, 'req/s'),
      sp(g.bare.rps, 'req/s'),
      pct(g.singleToBare),
      `≥ ${INGEST_GOALS.singleToBare * 100}% of bare`,
      met(g.goals.singleToBare),
    ]);
    rows.push(['2', 'Ingest, 1-event requests, p99 latency', sp(g.single.p99Ms, 'ms'), sp(g.bare.p99Ms, 'ms'), '', '', '']);
    rows.push([
      '2',
      'Ingest, server CPU per 1-event request',
      sp(g.single.serverCpuUs, 'µs'),
      sp(g.bare.serverCpuUs, 'µs'),
      `${num((100 * g.bare.serverCpuUs.median) / g.single.serverCpuUs.median)}% of bare's rate per CPU-second`,
      '',
      '',
    ]);
    rows.push([
      '2',
      `Ingest, ${BATCH_SIZE}-event batches`,
      sp(g.batch.eventsPerSecond, 'events/s'),
      sp(g.bareBatch.eventsPerSecond, 'events/s'),
      pct(g.batchToBare),
      `≥ ${INGEST_GOALS.batchToBare * 100}% of bare, same batches`,
      met(g.goals.batchToBare),
    ]);
    rows.push(['2', `Ingest, ${BATCH_SIZE}-event batches, p99 latency`, sp(g.batch.p99Ms, 'ms'), sp(g.bareBatch.p99Ms, 'ms'), '', '', '']);
    rows.push([
      '2',
      `Ingest, ${BATCH_SIZE}-event batches, per server CPU-second`,
      `${num((1e6 * BATCH_SIZE) / g.batch.serverCpuUs.median)} events`,
      '',
      '',
      '',
      '',
    ]);
  }
  if (f.connections) {
    const c = f.connections;
    rows.push([
      '3',
      `Server RSS per idle visitor socket, ${num(c.steps[0]!)} → ${num(c.steps.at(-1)!)} sockets`,
      `${kb(c.visitor.rssSlope)} (heap ${kb(c.visitor.heapSlope)})`,
      `${kb(c.bare.rssSlope)} per bare socket (heap ${kb(c.bare.heapSlope)})`,
      `${num(c.visitor.rssSlope.median / c.bare.rssSlope.median)}×`,
      `< ${CONNECTION_GOALS.bytesPerIdleSocket / 1024} KB`,
      met(c.goals.bytesPerIdleSocket),
    ]);
    if (c.push) {
      rows.push([
        '3',
        `Submit to rep screen p99 at ${num(c.push.idleSockets)} idle + ${num(c.push.activeSockets)} active sockets`,
        sp(c.push.submitToOffer.p99, 'ms'),
        `${num(c.push.activeEcho.p99, 'ms')} active-socket echo p99`,
        '',
        '',
        '',
      ]);
    }
  }
  if (f.scoring) {
    const s = f.scoring;
    const ratio = (a: Spread, b: Spread) => `${num(b.median / a.median)}× faster`;
    rows.push([
      '4',
      `Score one new event after ${num(s.pastEvents)}, Node`,
      sp(s.node.default.incrementalUs, 'µs'),
      `${sp(s.node.default.fullUs, 'µs')} full re-score`,
      ratio(s.node.default.incrementalUs, s.node.default.fullUs),
      `median < ${SCORING_GOALS.medianUs} µs`,
      met(s.goals.node),
    ]);
    rows.push([
      '4',
      `Score one new event after ${num(s.pastEvents)}, Chromium`,
      sp(s.browser.default.incrementalUs, 'µs'),
      `${sp(s.browser.default.fullUs, 'µs')} full re-score`,
      ratio(s.browser.default.incrementalUs, s.browser.default.fullUs),
      `median < ${SCORING_GOALS.medianUs} µs`,
      met(s.goals.browser),
    ]);
    for (const g of s.globs ?? []) {
      rows.push([
        '4',
        `URL pattern \`${shortPattern(g.pattern)}\` at its worst, ${num(g.pathChars)}-char path (${num(g.steps)} steps), Node`,
        sp(g.matchNs, 'ns'),
        `${sp(g.includesNs, 'ns')} \`includes\` over the path`,
        `${num(g.matchNs.median / g.includesNs.median)}×`,
        '',
        '',
      ]);
    }
  }
  if (f.widget) {
    const w = f.widget;
    for (const file of w.files) {
      rows.push([
        '5',
        `\`${file.file.replace('dist/widget/', '')}\` bytes, gzip / brotli`,
        `${num(file.gzip)} / ${num(file.brotli)} B`,
        `${num(file.raw)} B raw`,
        '',
        file.gzipBudget ? `gzip ≤ ${num(file.gzipBudget)} B (build budget)` : '',
        file.gzipBudget ? met(file.gzip <= file.gzipBudget) : '',
      ]);
    }
    const speeds: Array<[string, WidgetSpeed | null]> = [
      ['normal', w.normal],
      ['throttled', w.throttled],
    ];
    for (const [name, s] of speeds) {
      if (!s) continue;
      rows.push(['5', `Main-thread time added by the snippet, ${name}`, sp(s.addedTaskMs, 'ms'), `page alone loads in ${sp(s.pageLoadMs, 'ms')}`, '', '', '']);
      rows.push(['5', `Script evaluation added, ${name}`, sp(s.addedScriptMs, 'ms'), '', '', '', '']);
      rows.push([
        '5',
        `Long tasks / layout shift with the snippet, ${name}`,
        `${sp(s.longTasks.with)} long tasks (${sp(s.longTasks.withTotalMs, 'ms')}), CLS ${sp(s.cls.with)}`,
        `${sp(s.longTasks.without)} long tasks, CLS ${sp(s.cls.without)} without`,
        '',
        '',
        '',
      ]);
      rows.push(['5', `Launcher visible (from navigation), ${name}`, sp(s.launcherVisibleMs, 'ms'), '', '', '', '']);
      rows.push(['5', `Panel interactive (from click), ${name}`, sp(s.panelInteractiveMs, 'ms'), '', '', '', '']);
    }
  }
  if (f.volume) {
    const v = f.volume;
    rows.push([
      '6',
      `${num(v.leads)} hot leads in ${num(v.windowMs / 1000)} s onto ${v.reps} reps: all accepted`,
      v.roundsAllAccepted
        ? `${sp(v.allAcceptedMs, 'ms')} (${v.roundsAllAccepted} of ${v.accepted.rounds.length} rounds complete)`
        : `never all: ${sp(v.accepted)} accepted`,
      `${sp(v.bareAllDoneMs, 'ms')} bare POST + echo each`,
      v.roundsAllAccepted ? `${num(v.allAcceptedMs.median / v.bareAllDoneMs.median)}×` : '',
      '',
      '',
    ]);
    rows.push([
      '6',
      'Leads accepted per rep (spread of assignments)',
      `min ${num(v.perRep.min)}, median ${num(v.perRep.median)}, max ${num(v.perRep.max)}, σ ${num(v.perRep.stddev)}`,
      `${num(v.leads / v.reps)} each if even`,
      '',
      '',
      '',
    ]);
    rows.push(['6', 'Submit to accepted, per lead', `p50 ${num(v.submitToAccept.p50, 'ms')}, p99 ${num(v.submitToAccept.p99, 'ms')}`, '', '', '', '']);
  }
  if (f.reports) {
    for (const range of f.reports.ranges) {
      for (const c of range.calls.filter((c) => c.kind === 'http')) {
        const held = !isExport(c.name);
        rows.push([
          '7',
          `\`${c.name}\`, ${range.days} days (${num(range.rows.leads)} leads), p50 / p95`,
          `${sp(c.p50, 'ms')} / ${num(c.ms.p95, 'ms')} (server CPU ${num(c.cpuMsP50, 'ms')})`,
          `${sp(range.bareCount.p50, 'ms')} bare count`,
          `${num(c.ratioToCount)}×`,
          held ? `p95 < ${num(REPORT_GOAL_MS)} ms` : '',
          held ? met(c.ms.p95 < REPORT_GOAL_MS) : '',
        ]);
      }
    }
  }
  if (f.voice) {
    const v = f.voice;
    const pair = (l: { median: number; p95: number }) => `${num(l.median, 'ms')} / ${num(l.p95, 'ms')}`;
    rows.push(['8', 'Hand-raise → voice connected in the browser, p50 / p95', pair(v.handRaiseToVoice), '', '', '', '']);
    rows.push(['8', 'Accept → voice connected, p50 / p95', pair(v.acceptToVoice), `${pair(v.bareConnect)} bare WebRTC connect`, `${num(v.ratio)}×`, '', '']);
  }
  return rows;
}

export function renderSummary(r: BenchResults): string {
  const errors = Object.entries(r.errors).map(([k, e]) => `- ${k} failed: ${e.split('\n')[0]}`);
  return [table(summaryRows(r)), ...(errors.length ? ['', ...errors] : [])].join('\n');
}
