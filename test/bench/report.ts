// Renders one run's results: the summary table (stdout) and the whole of docs/benchmarks.md, so
// every number in the document comes from the run that wrote it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProfileResult } from './context';
import { CONNECTION_GOALS, IDLE_SHARE_OF_FD_LIMIT } from './figures/connections';
import { BATCH_SIZE, INGEST_GOALS } from './figures/ingest';
import { SCORING_GOALS } from './figures/scoring';
import { SUBMIT_GOALS } from './figures/submit';
import { CPU_SLOWDOWN, SLOW_3G, type WidgetSpeed } from './figures/widget';
import type { BenchResults } from './results';
import type { Spread } from './stats';

/** Hand-written closing note (no numbers), kept beside the harness and included verbatim. */
const NEXT_STEPS = fileURLToPath(new URL('./next-steps.md', import.meta.url));

type Row = [figure: string, measure: string, result: string, baseline: string, ratio: string, goal: string, met: string];

// ---- number formatting -------------------------------------------------------------------

export function num(n: number, unit = ''): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return 'n/a';
  const a = Math.abs(n);
  if (Number.isInteger(n)) return unit ? `${n.toLocaleString('en-US')} ${unit}` : n.toLocaleString('en-US');
  const text =
    a >= 1000 ? Math.round(n).toLocaleString('en-US') : a >= 100 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : a >= 1 ? n.toFixed(2) : n.toPrecision(2);
  return unit ? `${text} ${unit}` : text;
}

/** `3.21 ms (3.10-3.40)`: median, then min-max over rounds. */
export function sp(s: Spread | undefined, unit = '', scale = 1): string {
  if (!s || !Number.isFinite(s.median)) return 'n/a';
  if (s.rounds.length <= 1) return num(s.median * scale, unit);
  return `${num(s.median * scale, unit)} (${num(s.min * scale)}–${num(s.max * scale)})`;
}

const kb = (s: Spread | undefined) => sp(s, 'KB', 1 / 1024);
const x = (s: Spread | undefined) => (s && Number.isFinite(s.median) ? `${sp(s)}×` : 'n/a');
const pct = (s: Spread | undefined) => sp(s, '%', 100);
const met = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? '**yes**' : '**no**');

function table(rows: Row[]): string {
  const head: Row = ['#', 'Measure', 'Result: median (min–max over rounds)', 'Bare baseline, same run', 'Ratio', 'Goal', 'Met'];
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---- summary -------------------------------------------------------------------------------

export function summaryRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const f = r.figures;
  if (f.submit) {
    const s = f.submit;
    rows.push(['1', 'Submit to rep screen, p50', sp(s.submitToOffer.p50, 'ms'), sp(s.bareRoundTrip.p50, 'ms'), x(s.ratioP50), `< ${SUBMIT_GOALS.p50Ms} ms`, met(s.goals.p50)]);
    rows.push(['1', 'Submit to rep screen, p99', sp(s.submitToOffer.p99, 'ms'), sp(s.bareRoundTrip.p99, 'ms'), x(s.ratioP99), `< ${SUBMIT_GOALS.p99Ms} ms`, met(s.goals.p99)]);
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
  if (f.ingest) {
    const g = f.ingest;
    rows.push(['2', 'Ingest, 1-event requests', sp(g.single.rps, 'req/s'), sp(g.bare.rps, 'req/s'), pct(g.singleToBare), `≥ ${INGEST_GOALS.singleToBare * 100}% of bare`, met(g.goals.singleToBare)]);
    rows.push(['2', 'Ingest, 1-event requests, p99 latency', sp(g.single.p99Ms, 'ms'), sp(g.bare.p99Ms, 'ms'), '', '', '']);
    rows.push(['2', `Ingest, ${BATCH_SIZE}-event batches`, sp(g.batch.eventsPerSecond, 'events/s'), '', '', `≥ ${num(INGEST_GOALS.batchEventsPerSecond)} events/s`, met(g.goals.batchEventsPerSecond)]);
    rows.push(['2', `Ingest, ${BATCH_SIZE}-event batches, p99 latency`, sp(g.batch.p99Ms, 'ms'), '', '', '', '']);
  }
  if (f.connections) {
    const c = f.connections;
    c.visitor.forEach((step, i) => {
      const bare = c.bare[i];
      rows.push([
        '3',
        `Server RSS per idle visitor socket, ${num(step.sockets)} sockets`,
        `${kb(step.rssPerSocket)} (heap ${num(step.heapPerSocket.median / 1024, 'KB')})`,
        `${kb(bare?.rssPerSocket)} per bare socket`,
        bare ? `${num(step.rssPerSocket.median / bare.rssPerSocket.median)}×` : '',
        `< ${CONNECTION_GOALS.bytesPerIdleSocket / 1024} KB`,
        met(step.rssPerSocket.median < CONNECTION_GOALS.bytesPerIdleSocket),
      ]);
    });
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
      v.roundsAllAccepted ? `${sp(v.allAcceptedMs, 'ms')} (${v.roundsAllAccepted} of ${v.accepted.rounds.length} rounds complete)` : `never all: ${sp(v.accepted)} accepted`,
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
  return rows;
}

export function renderSummary(r: BenchResults): string {
  const errors = Object.entries(r.errors).map(([k, e]) => `- ${k} failed: ${e.split('\n')[0]}`);
  return [table(summaryRows(r)), ...(errors.length ? ['', ...errors] : [])].join('\n');
}

// ---- the document ----------------------------------------------------------------------------

function profileSection(p: ProfileResult): string {
  if (!p.summary) return `Profile \`${p.name}\`: not captured.`;
  const s = p.summary;
  const fns = s.functions
    .filter((f) => f.name !== '(idle)')
    .slice(0, 12)
    .map((f) => `| ${f.name.replace(/\|/g, '\\|')} | ${num(f.ms)} | ${num(f.pct)}% |`);
  const mods = s.modules
    .filter((m) => m.name !== '(idle)')
    .slice(0, 8)
    .map((m) => `| ${m.name} | ${num(m.ms)} | ${num(m.pct)}% |`);
  return [
    `**Profile \`${p.name}\`** (server main thread, ${num(s.totalMs / 1000, 's')} sampled, ${num(s.idlePct)}% idle${p.file ? `; \`${p.file.replace(/^.*\/test\/bench\//, 'test/bench/')}\`` : ''}).`,
    '',
    '| Top self time: function | ms | share |',
    '| --- | --- | --- |',
    ...fns,
    '',
    '| Self time by module | ms | share |',
    '| --- | --- | --- |',
    ...mods,
  ].join('\n');
}

function misses(r: BenchResults): string[] {
  const out: string[] = [];
  const f = r.figures;
  if (f.submit && !f.submit.goals.p50) out.push(`Submit to rep screen p50 is ${sp(f.submit.submitToOffer.p50, 'ms')}, goal < ${SUBMIT_GOALS.p50Ms} ms.`);
  if (f.submit && !f.submit.goals.p99) out.push(`Submit to rep screen p99 is ${sp(f.submit.submitToOffer.p99, 'ms')}, goal < ${SUBMIT_GOALS.p99Ms} ms.`);
  if (f.ingest && !f.ingest.goals.singleToBare) out.push(`Single-event ingest runs at ${pct(f.ingest.singleToBare)} of the bare endpoint, goal ≥ ${INGEST_GOALS.singleToBare * 100}%.`);
  if (f.ingest && !f.ingest.goals.batchEventsPerSecond)
    out.push(`Batched ingest takes ${sp(f.ingest.batch.eventsPerSecond, 'events/s')}, goal ≥ ${num(INGEST_GOALS.batchEventsPerSecond)}.`);
  if (f.connections && !f.connections.goals.bytesPerIdleSocket) {
    const last = f.connections.visitor.at(-1)!;
    out.push(`An idle visitor socket costs ${kb(last.rssPerSocket)} of server RSS at ${num(last.sockets)} sockets, goal < ${CONNECTION_GOALS.bytesPerIdleSocket / 1024} KB.`);
  }
  if (f.scoring && !f.scoring.goals.node) out.push(`Scoring in Node takes ${sp(f.scoring.node.default.incrementalUs, 'µs')}, goal < ${SCORING_GOALS.medianUs} µs.`);
  if (f.scoring && !f.scoring.goals.browser) out.push(`Scoring in Chromium takes ${sp(f.scoring.browser.default.incrementalUs, 'µs')}, goal < ${SCORING_GOALS.medianUs} µs.`);
  return out;
}

export function renderDoc(r: BenchResults): string {
  const m = r.machine;
  const f = r.figures;
  const when = r.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const commit = r.commit ? `commit \`${r.commit.sha}\`${r.commit.dirty ? ' with uncommitted changes in the working tree' : ''}` : 'an unknown commit';
  const profiles = [f.ingest?.profiles, f.submit?.profiles, f.volume?.profiles].flatMap((p) => p ?? []);
  const notMet = misses(r);
  const nextSteps = existsSync(NEXT_STEPS) ? readFileSync(NEXT_STEPS, 'utf8').trim() : '';

  const parts: string[] = [];
  parts.push(`# Benchmarks

Sixty is chosen for speed, so its speed is measured with one command anyone can run:

\`\`\`sh
npm run bench
\`\`\`

It builds the widget and console if \`dist/\` is missing, starts a real Sixty server in its own
process (\`server/main.ts\` as \`npm start\` runs it, a fresh SQLite file in a temp folder, logging
at \`warn\`, \`SIXTY_BENCH=1\`), drives it from load generators in separate processes on loopback,
and writes \`test/bench/results.json\` and this file. Each figure is the median over repeated
rounds with the min–max beside it, next to a bare baseline measured in the same run on the same
server, because absolute times drift on shared machines; the ratios are what to compare across
runs. The benchmark asserts nothing and never runs in \`npm test\`; \`test/bench/harness.test.ts\`
runs the same harness in a tiny configuration so it cannot rot.

**Every number below came from one run of \`npm run bench\`** on ${when}, ${commit}, in
${num(r.durationSeconds, 's')}.`);

  parts.push(`## Machine

| CPU | Cores | Memory | Node | OS | Open files (soft / hard) | Load average at start |
| --- | --- | --- | --- | --- | --- | --- |
| ${m.cpuModel} | ${m.cpus} | ${m.memoryGiB} GiB | ${m.node} | ${m.os} | ${num(m.fdSoft)} / ${num(m.fdHard)} | ${m.loadAverage.join(', ')} |

The machine was shared with other work during the run (see the load average), so absolute times
are noisy; the same-run baselines are what make the figures comparable.`);

  parts.push(`## Protections switched off for the bench

The bench's sites switch off what would throttle a load generator, through the site's documented
tracking settings (\`deps.tracking.saveSettings\`, as the admin API does), and nothing else:

- **Bot filter off** (\`botFilter: false\`): the generators are HTTP libraries, which the filter drops by User-Agent.
- **Per-visitor event rate raised** (\`maxEventsPerSecond: ${num(r.protections?.maxEventsPerSecond ?? NaN)}\`, default 20).

\`POST /v1/callbacks\` had no per-IP rate limit or time-to-submit check to switch off in this build.
Bench reps are signed in by creating their sessions directly in the server process (the
\`/bench/seed\` route), not through \`POST /v1/console/session\`, so scrypt sign-ins are not part of
any figure. The bench-only routes (\`/bench/*\` and the \`/bench\` socket namespace) exist only when
\`SIXTY_BENCH=1\`; they have no auth and the bench server listens on 127.0.0.1 only.`);

  parts.push(`## Results

${table(summaryRows(r))}
${Object.keys(r.errors).length ? `\nFigures that failed to run: ${Object.keys(r.errors).join(', ')} (errors in \`test/bench/results.json\`).\n` : ''}`);

  parts.push(`## How each figure is measured`);
  if (f.submit) {
    const s = f.submit;
    parts.push(`### 1. Submit to rep screen

A probe process holds ${s.reps} rep sockets (signed in, available) and posts hot callbacks (answers that
pass the must-haves) at a fixed ${s.rate}/s, open loop: each sample is timed from when it was due, not
when the previous one finished, so a slow server cannot hide its queueing. A sample is the time to
the \`offer:new\` for that lead at a rep's socket.io client. Reps accept every offer at once and then
log the outcome (\`POST /v1/console/leads/:id/outcome\`), as a rep does, which frees their capacity.
Rounds: ${s.submitToOffer.p50.rounds.length} × ${s.secondsPerRound} s.

Meanwhile: **${num(s.idleSockets.connected)} idle visitor sockets** on the real \`/visitor\` namespace,
each presenting a valid visitor token from an earlier callback (${num(s.idleSockets.distinctLeads)} distinct
leads, on a site whose answers rule them out so they are stored but never routed); and **background
ingest at half its measured maximum**: ${num(s.background.targetRps)} single-event requests/s asked,
${num(s.background.achievedRps)} achieved (p99 ${num(s.background.p99Ms, 'ms')}).

Baseline: from the same probe process, at the same rate and at the same time, a bare socket.io
acknowledged round trip (\`echo\`) on the bench-only \`/bench\` namespace of the same socket.io server.
The visitor's own HTTP response to the callback took p50 ${sp(s.httpResponse.p50, 'ms')}, p99 ${sp(s.httpResponse.p99, 'ms')}.
${s.missing ? `${s.missing} samples got no offer within 5 s and are left out.` : 'Every sample got its offer.'}${Object.keys(s.failures).length ? ` Failures seen: ${JSON.stringify(s.failures)}.` : ''}`);
  }
  if (f.ingest) {
    const g = f.ingest;
    parts.push(`### 2. Event ingest

autocannon in its own process, closed loop with ${g.connections} connections, ${g.secondsPerRound} s per variant per
round (after a short warm-up), variants interleaved within each round. Bodies are what the widget
sends (\`text/plain\` JSON, page views, engagement, clicks, downloads) spread over many visitor ids.
Throughput counts 2xx responses only${g.failedRequests ? ` (${num(g.failedRequests)} requests failed)` : '; none failed'}.
The baseline is \`POST /bench/bare\` on the same server: Hono parses the same JSON body and answers
204 without storing anything. Latency resolution is 1 ms (autocannon's histogram).

Server CPU per request is the server process's own CPU time (user + system) over the round divided
by the requests it answered: unlike throughput it hardly moves when other work shares the machine.

| Variant | Requests/s | Events/s | p99 latency | Server CPU per request |
| --- | --- | --- | --- | --- |
| bare endpoint | ${sp(g.bare.rps)} | | ${sp(g.bare.p99Ms, 'ms')} | ${sp(g.bare.serverCpuUs, 'µs')} |
| 1-event requests | ${sp(g.single.rps)} | ${sp(g.single.rps)} | ${sp(g.single.p99Ms, 'ms')} | ${sp(g.single.serverCpuUs, 'µs')} |
| ${BATCH_SIZE}-event batches | ${sp(g.batch.rps)} | ${sp(g.batch.eventsPerSecond)} | ${sp(g.batch.p99Ms, 'ms')} | ${sp(g.batch.serverCpuUs, 'µs')} |`);
  }
  if (f.connections) {
    const c = f.connections;
    const rows = c.visitor.map(
      (v, i) =>
        `| ${num(v.sockets)} | ${kb(v.rssPerSocket)} | ${kb(v.heapPerSocket)} | ${kb(v.externalPerSocket)} | ${kb(c.bare[i]?.rssPerSocket)} | ${kb(c.bare[i]?.heapPerSocket)} |`,
    );
    parts.push(`### 3. Connections

Idle sockets are opened from ${r.config.connections.workers} client processes spread over ${r.localAddresses.length} loopback
source addresses (${r.localAddresses[0]}–${r.localAddresses.at(-1)}), in steps, and the server's memory is
read after each step through \`GET /bench/memory\` (\`process.memoryUsage()\` after a forced GC; the server
runs with \`--expose-gc\`). Per socket = growth over the empty server divided by the count. Visitor
sockets are on the real \`/visitor\` namespace, each with a valid visitor token (${num(c.distinctLeads)} distinct
leads); the baseline is bare sockets on the bench \`/bench\` namespace (no auth, no rooms). The
largest count is ${IDLE_SHARE_OF_FD_LIMIT * 100}% of the server's open-file limit (${num(c.fdLimit)}), rounded down to a
thousand; the rest is kept for the active sockets, reps, HTTP clients and SQLite. Clients connect at
${sp(c.connectRatePerSecond, 'sockets/s')}.

| Idle sockets | RSS per visitor socket | Heap per visitor socket | External + buffers | RSS per bare socket | Heap per bare socket |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
${
  c.push
    ? `
With ${num(c.push.idleSockets)} idle visitor sockets open and ${num(c.push.activeSockets)} more sockets each sending one echo a second
(${num(c.push.activeEcho.n)} echoes, p50 ${num(c.push.activeEcho.p50, 'ms')}, p99 ${num(c.push.activeEcho.p99, 'ms')}), figure 1's probe ran for
${r.config.connections.pushSeconds} s per round: submit to rep screen p50 ${sp(c.push.submitToOffer.p50, 'ms')}, p99 ${sp(c.push.submitToOffer.p99, 'ms')},
p99.9 ${sp(c.push.submitToOffer.p999, 'ms')}.`
    : ''
}`);
  }
  if (f.scoring) {
    const s = f.scoring;
    parts.push(`### 4. Scoring

The same loop (\`test/bench/scoring-loop.ts\`) runs in a Node process of its own and in Chromium. A
visitor's behaviour state is built from ${num(s.pastEvents)} past events with \`applyEvents\`; each new
event is then folded in with \`applyEvents\` and the visitor qualified from that state
(\`qualify({ behaviour })\`), which is the server's incremental path. Events are timed in batches of
${num(r.config.scoring.batch)} (browser timers are too coarse for one) over ${num(r.config.scoring.batches)} batches per round; the figure is
the median batch. The baseline is re-scoring the whole history for every event
(\`qualify({ events })\`). In Chromium the engine was **${s.browser.engine === 'widget' ? 'the one the panel bundle registers (`sixty._qualify`)' : 'shared/qualify bundled for the page by the bench with Vite (the panel bundle does not register `sixty._qualify`)'}**.

| Rules | Node, incremental | Node, p99 batch | Node, full re-score | Chromium, incremental | Chromium, full re-score |
| --- | --- | --- | --- | --- | --- |
| default site (${s.rulesCount.default} behaviour rules) | ${sp(s.node.default.incrementalUs, 'µs')} | ${sp(s.node.default.incrementalP99Us, 'µs')} | ${sp(s.node.default.fullUs, 'µs')} | ${sp(s.browser.default.incrementalUs, 'µs')} | ${sp(s.browser.default.fullUs, 'µs')} |
| configured site (${s.rulesCount.many} rules, decay on) | ${sp(s.node.many.incrementalUs, 'µs')} | ${sp(s.node.many.incrementalP99Us, 'µs')} | ${sp(s.node.many.fullUs, 'µs')} | ${sp(s.browser.many.incrementalUs, 'µs')} | ${sp(s.browser.many.fullUs, 'µs')} |`);
  }
  if (f.widget) {
    const w = f.widget;
    parts.push(`### 5. Widget

Sizes are gzip level 9 and brotli quality 11 of each file in \`dist/widget/\`. In Chromium (headless,
a fresh context per load, so a first visit with a cold cache), a plain customer page on its own
origin is loaded with the README snippet and without it, alternately, ${w.normal.loads} times each at normal speed${
      w.throttled ? ` and ${w.throttled.loads} times each throttled (DevTools' Slow 3G: ${SLOW_3G.latency} ms latency, ${num(SLOW_3G.downloadThroughput / 1000)} kB/s, and CPU ${CPU_SLOWDOWN}× slower, through CDP)` : ''
    }. Main-thread time is CDP's \`TaskDuration\` (all main-thread tasks) and \`ScriptDuration\` read once the
page has settled, with minus without. Long tasks and layout shift come from \`PerformanceObserver\`s
installed before any page script. "Launcher visible" is the first frame after the launcher is in
the page with a size; "panel interactive" is the first frame after the form's first field is on
screen and enabled, timed from the click on the launcher (the panel bundle is fetched on hover, as
the loader does for a real pointer).`);
  }
  if (f.volume) {
    const v = f.volume;
    parts.push(`### 6. Routing at volume

Each round makes a fresh workspace with ${v.reps} reps, ${
      v.capacityApplied
        ? `each with capacity ${v.capacity} (open offers and active leads, set with \`store.updateRep\`)`
        : `**at the product's default capacity** (per-rep capacity could not be set: this build's store has no \`updateRep\`), so not every lead can be held at once`
    }, all connected from one process that accepts every offer the moment it arrives. The same
process posts ${num(v.leads)} hot callbacks evenly over ${num(v.windowMs)} ms (open loop). The figure is the time from
the first callback's due time to the last accept acknowledgement. The baseline sends the same
arrivals through a bare \`POST /bench/bare\` followed by a bare socket.io echo each. Leads accepted in
${v.roundsAllAccepted} of ${v.accepted.rounds.length} rounds: ${sp(v.accepted)} of ${num(v.leads)}.${Object.keys(v.failures).length ? ` Failures seen: ${JSON.stringify(v.failures)}.` : ''}`);
  }

  if (notMet.length || profiles.length) {
    parts.push(`## Goals not met

${notMet.map((l) => `- ${l}`).join('\n')}

Each server-side miss was run once more (not counted above) with V8's sampling CPU profiler on the
server's main thread (the profiler \`node --cpu-prof\` uses, started and stopped around that phase
through \`/bench/profile/*\`; the \`.cpuprofile\` files open in Chrome DevTools).

${profiles.map(profileSection).join('\n\n')}`);
  }
  if (nextSteps) parts.push(nextSteps);
  return `${parts.join('\n\n')}\n`;
}
