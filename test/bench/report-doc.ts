// docs/benchmarks.md, whole: every number in it comes from the run that wrote it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProfileResult } from './context';
import { CONNECTION_GOALS, IDLE_SHARE_OF_FD_LIMIT } from './figures/connections';
import { BATCH_SIZE, INGEST_GOALS } from './figures/ingest';
import { isExport, REPORT_CALLS, REPORT_GOAL_MS, type ReportsFigure } from './figures/reports';
import { SCORING_GOALS } from './figures/scoring';
import { BACKGROUND_CONNECTIONS, BACKGROUND_GOALS, SUBMIT_GOALS } from './figures/submit';
import { CPU_SLOWDOWN, SLOW_3G, WINDOW_MS } from './figures/widget';
import { kb, num, pct, sp, table, x } from './report-format';
import { globSection } from './report-globs';
import { summaryRows } from './report-summary';
import type { BenchConfig } from './config';
import type { BenchResults } from './results';

/** Hand-written closing note (no numbers), kept beside the harness and included verbatim. */
const NEXT_STEPS = fileURLToPath(new URL('./next-steps.md', import.meta.url));

function profileSection(p: ProfileResult): string {
  if (!p.summary) return `Profile \`${p.name}\`: not captured.`;
  const s = p.summary;
  const fns = s.functions
    .filter((f) => f.name !== '(idle)')
    .slice(0, 12)
    .map((f) => `| ${f.name.replace(/\|/g, '\\|')} | ${num(f.ms)} | ${f.pct.toFixed(1)}% |`);
  const own = (s.projectFunctions ?? []).slice(0, 12).map((f) => `| ${f.name.replace(/\|/g, '\\|')} | ${num(f.ms)} | ${f.pct.toFixed(1)}% |`);
  const mods = s.modules
    .filter((m) => m.name !== '(idle)')
    .slice(0, 8)
    .map((m) => `| ${m.name} | ${num(m.ms)} | ${m.pct.toFixed(1)}% |`);
  return [
    `**Profile \`${p.name}\`** (server main thread, ${num(s.totalMs / 1000, 's')} sampled, ${s.idlePct.toFixed(1)}% idle${p.file ? `; \`${p.file.replace(/^.*\/test\/bench\//, 'test/bench/')}\`` : ''}).`,
    '',
    '| Our function on the stack (with the library and SQLite calls beneath it) | ms | share |',
    '| --- | --- | --- |',
    ...own,
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
  if (f.submit?.quiet && !f.submit.goals.backgroundSustained)
    out.push(
      `Beside half of ingest's maximum, submit to rep screen is ${x(f.submit.toQuietP50)} (p50) and ${x(f.submit.toQuietP99)} (p99) of its quiet value with ${num(f.submit.background.shed)} requests shed, goal ≤ ${BACKGROUND_GOALS.toQuiet}× with none shed.`,
    );
  if (f.ingest && !f.ingest.goals.singleToBare)
    out.push(`Single-event ingest runs at ${pct(f.ingest.singleToBare)} of the bare endpoint, goal ≥ ${INGEST_GOALS.singleToBare * 100}%.`);
  if (f.ingest && !f.ingest.goals.batchToBare)
    out.push(`Batched ingest runs at ${pct(f.ingest.batchToBare)} of the bare endpoint given the same batches, goal ≥ ${INGEST_GOALS.batchToBare * 100}%.`);
  if (f.connections && !f.connections.goals.bytesPerIdleSocket) {
    out.push(`An idle visitor socket costs ${kb(f.connections.visitor.rssSlope)} of server RSS, goal < ${CONNECTION_GOALS.bytesPerIdleSocket / 1024} KB.`);
  }
  if (f.scoring && !f.scoring.goals.node)
    out.push(`Scoring in Node takes ${sp(f.scoring.node.default.incrementalUs, 'µs')}, goal < ${SCORING_GOALS.medianUs} µs.`);
  if (f.reports && !f.reports.goals.underOneSecond)
    out.push(
      `The slowest report call (exports apart) answers in ${num(f.reports.worstP95Ms, 'ms')} at p95 over ${num(f.reports.generated.lead ?? NaN)} leads, goal < ${num(REPORT_GOAL_MS)} ms.`,
    );
  if (f.scoring && !f.scoring.goals.browser)
    out.push(`Scoring in Chromium takes ${sp(f.scoring.browser.default.incrementalUs, 'µs')}, goal < ${SCORING_GOALS.medianUs} µs.`);
  return out;
}

export function renderDoc(r: BenchResults): string {
  const m = r.machine;
  const f = r.figures;
  const when = r.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const commit = r.commit ? `commit \`${r.commit.sha}\`${r.commit.dirty ? ' with uncommitted changes in the working tree' : ''}` : 'an unknown commit';
  const profiles = [f.ingest?.profiles, f.submit?.profiles, f.connections?.profiles, f.volume?.profiles].flatMap((p) => p ?? []);
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

  const site = r.protections.site;
  const env = Object.entries(r.protections.env).map(([k, v]) => `\`${k}=${v}\``);
  parts.push(`## Protections switched off for the bench

Every load generator sends from loopback, far faster than a person, so the protections that
would throttle it are switched off, each through its documented setting, and nothing else:

- On the bench's sites, through the site's tracking settings (\`deps.tracking.saveSettings\`, what
  the admin API writes): **bot filter off** (\`botFilter: ${site?.botFilter}\`; the generators are HTTP
  libraries, which the filter drops by User-Agent), **per-visitor event rate raised**
  (\`maxEventsPerSecond: ${num(site?.maxEventsPerSecond ?? NaN)}\`, default 20) and **time-to-submit check off**
  (\`minSubmitMs: ${site?.minSubmitMs}\`; the bench's callbacks carry no form timing anyway).
- On the bench server, through the environment (0 turns a limit off): ${env.join(', ')}.

Bench reps are signed in by creating their sessions directly in the server process (the
\`/bench/seed\` route), not through \`POST /v1/console/session\`, so scrypt sign-ins are not part of
any figure. The bench-only routes (\`/bench/*\` and the \`/bench\` socket namespace) exist only when
\`SIXTY_BENCH=1\`; they have no auth, and the bench server listens on 127.0.0.1 only.`);

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
Rounds: ${s.submitToOffer.p50.rounds.length} × ${s.secondsPerRound} s with background ingest, each after a quiet round of the same length
without it (the quiet figure: p50 ${sp(s.quiet?.p50, 'ms')}, p99 ${sp(s.quiet?.p99, 'ms')}), after ${r.config.submit.warmupSeconds} s of the same probe that is not counted. The
reps' workspace keeps its leads from round to round, as a real one does.

Meanwhile: **${num(s.idleSockets.connected)} idle visitor sockets** on the real \`/visitor\` namespace,
each presenting a valid visitor token from an earlier callback (${num(s.idleSockets.distinctLeads)} distinct
leads, on a site whose answers rule them out so they are stored but never routed); and **background
ingest at half its measured maximum** (figure 2's median): ${num(s.background.targetRps)} single-event requests/s
asked, ${num(s.background.achievedRps)} achieved (p99 ${num(s.background.p99Ms, 'ms')} from when each was due). The background
runs only during the counted background rounds (not the warm-up's count, not the profile's), keeps
at most ${BACKGROUND_CONNECTIONS} requests outstanding and sheds the rest rather than queue them${
      s.background.shed > 0
        ? `: **${num(s.background.shed)} were shed, so the server could not sustain half its ingest maximum beside the rest of this load**`
        : '; none had to be shed'
    }.

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
Each variant's baseline is \`POST /bench/bare\` on the same server given the same bodies (one event,
or a batch of ${BATCH_SIZE}): Hono reads and parses the JSON as Sixty's endpoints do and answers 204 without
storing anything. Latency resolution is 1 ms (autocannon's histogram).

Server CPU per request is the server process's own CPU time (user + system) over the round divided
by the requests it answered: unlike throughput it hardly moves when other work shares the machine.

| Variant | Requests/s | Events/s | p99 latency | Server CPU per request | Events per server CPU-second |
| --- | --- | --- | --- | --- | --- |
| bare endpoint | ${sp(g.bare.rps)} | | ${sp(g.bare.p99Ms, 'ms')} | ${sp(g.bare.serverCpuUs, 'µs')} | (${num(1e6 / g.bare.serverCpuUs.median)} requests) |
| 1-event requests | ${sp(g.single.rps)} | ${sp(g.single.rps)} | ${sp(g.single.p99Ms, 'ms')} | ${sp(g.single.serverCpuUs, 'µs')} | ${num(1e6 / g.single.serverCpuUs.median)} |
| bare endpoint, ${BATCH_SIZE}-event batches | ${sp(g.bareBatch.rps)} | ${sp(g.bareBatch.eventsPerSecond)} | ${sp(g.bareBatch.p99Ms, 'ms')} | ${sp(g.bareBatch.serverCpuUs, 'µs')} | ${num((1e6 * BATCH_SIZE) / g.bareBatch.serverCpuUs.median)} |
| ${BATCH_SIZE}-event batches | ${sp(g.batch.rps)} | ${sp(g.batch.eventsPerSecond)} | ${sp(g.batch.p99Ms, 'ms')} | ${sp(g.batch.serverCpuUs, 'µs')} | ${num((1e6 * BATCH_SIZE) / g.batch.serverCpuUs.median)} |`);
  }
  if (f.connections) {
    const c = f.connections;
    const rows = c.visitor.steps.map(
      (v, i) =>
        `| ${num(v.sockets)} | ${kb(v.rssPerSocket)} | ${kb(v.heapPerSocket)} | ${kb(v.externalPerSocket)} | ${kb(c.bare.steps[i]?.rssPerSocket)} | ${kb(c.bare.steps[i]?.heapPerSocket)} |`,
    );
    parts.push(`### 3. Connections

Idle sockets are opened from ${r.config.connections.workers} client processes spread over ${r.localAddresses.length} loopback
source addresses (${r.localAddresses[0]}–${r.localAddresses.at(-1)}), in steps, and the server's memory is
read after each step through \`GET /bench/memory\` (\`process.memoryUsage()\` after a forced GC; the server
runs with \`--expose-gc\`). The figure (and the goal) is the marginal cost: memory growth from the
smallest to the largest count divided by the sockets added; the table also shows growth over the
empty server divided by the count, which carries the noise of the empty server's RSS. Visitor
sockets are on the real \`/visitor\` namespace, each presenting a valid visitor token (the tokens of
${num(c.distinctLeads)} leads from figure 1, used in turn, as a visitor's several tabs would); the baseline is
bare sockets on the bench \`/bench\` namespace (no auth, no rooms). The
largest count is ${IDLE_SHARE_OF_FD_LIMIT * 100}% of the server's open-file limit (${num(c.fdLimit)}), rounded down to a
thousand; the rest is kept for the active sockets, reps, HTTP clients and SQLite. This figure runs
${r.config.connections.rounds} rounds, not ${r.config.rounds}: each round opens the largest count twice, and connecting is
most of the run's time. Clients connect at ${sp(c.connectRatePerSecond, 'sockets/s')}.

| Idle sockets | Visitor socket: RSS (growth / count) | Heap | External + buffers | Bare socket: RSS | Heap |
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
(\`qualify({ events })\`). In Chromium the engine was **${s.browser.engine === 'widget' ? "the one the widget's build makes (`sixty-qualify.js`, registering `sixty._qualify`)" : 'shared/qualify bundled for the page by the bench with Vite (no built `sixty-qualify.js` registered `sixty._qualify`)'}**.

| Rules | Node, incremental | Node, p99 batch | Node, full re-score | Chromium, incremental | Chromium, full re-score |
| --- | --- | --- | --- | --- | --- |
| default site (${s.rulesCount.default} behaviour rules) | ${sp(s.node.default.incrementalUs, 'µs')} | ${sp(s.node.default.incrementalP99Us, 'µs')} | ${sp(s.node.default.fullUs, 'µs')} | ${sp(s.browser.default.incrementalUs, 'µs')} | ${sp(s.browser.default.fullUs, 'µs')} |
| configured site (${s.rulesCount.many} rules, decay on) | ${sp(s.node.many.incrementalUs, 'µs')} | ${sp(s.node.many.incrementalP99Us, 'µs')} | ${sp(s.node.many.fullUs, 'µs')} | ${sp(s.browser.many.incrementalUs, 'µs')} | ${sp(s.browser.many.fullUs, 'µs')} |`);
    if (s.globs?.length) parts.push(globSection(s.globs, r.config.scoring.globMatches));
  }
  if (f.widget) {
    const w = f.widget;
    parts.push(`### 5. Widget

Sizes are gzip level 9 and brotli quality 11 of each file in \`dist/widget/\`. In Chromium (headless,
a fresh context per load, so a first visit with a cold cache), a plain customer page on its own
origin is loaded with the README snippet (the per-site loader, \`/s/KEY.js\`, which carries the site's config) and without it, alternately, ${w.normal.loads} times each at normal speed${
      w.throttled
        ? ` and ${w.throttled.loads} times each throttled (DevTools' Slow 3G: ${SLOW_3G.latency} ms latency, ${num(SLOW_3G.downloadThroughput / 1000)} kB/s, and CPU ${CPU_SLOWDOWN}× slower, through CDP)`
        : ''
    }. Main-thread time is CDP's \`TaskDuration\` (all main-thread tasks) and \`ScriptDuration\`, read at the
same time after navigation with and without the snippet (${num(WINDOW_MS.normal / 1000)} s normal, ${num(WINDOW_MS.throttled / 1000)} s throttled, and at least 1 s / 3 s
past the launcher), with minus without; the harness does the same work in the page either way (its
waits are promises in the page, the launcher is seen by an \`IntersectionObserver\`). Where that time
goes, by phase and by widget function, is traced by \`test/bench/host-page-trace.ts\`. Long tasks and layout shift come from \`PerformanceObserver\`s
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

  if (f.reports) parts.push(reportsSection(f.reports, r.config));

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

/** The method of figure 7 in words; the config's sizes, since the doc may carry it before a full run has filled the table. */
export function reportsMethod(config: BenchConfig): string {
  const c = config.reports;
  const z = c.size;
  return `### 7. Reports over 100k leads / 2M events

\`test/bench/report-history.ts\` writes a workspace's history straight into a real SQLite file: the
file is created and migrated by the server's own \`openDatabase\`, then every row goes in through a
prepared insert built from its drizzle table, in one transaction, from a seeded generator (the same
rows every run, ending on a fixed day so no time depends on when it runs). The measured workspace
has ${num(z.leads)} leads and ${num(z.events)} tracking events over ${z.days} days, from ${num(z.visitors)} visitors on ${z.sites}
sites (traffic growing by half over the year, 3% bots, UTM channels and referrers), ${z.teams} teams of
${z.repsPerTeam} reps, offers accepted, declined and expired with SLA breaches where the accept came late,
stage changes through MQL, SAL, SQL and opportunity to won or lost (with deal values and loss
reasons) or to nurture and disqualified, call outcomes, meetings booked and held, form submissions
and every lead's timeline. Another tenant with ${Math.round(z.otherTenantShare * 100)}% of those sizes shares the file, so every
read must scope by workspace. No \`ANALYZE\` is run: a file the server has grown has no planner
statistics either.

Each report call in \`REPORT_CALLS\` (\`test/bench/figures/reports.ts\`; a report added later joins
with one line there: ${REPORT_CALLS.length} today) is timed for a ${c.rangesDays.join('-day and a ')}-day range ending on the history's
last day. Store calls (\`ReportsStore\` methods and the forms figures) run in the bench process on
the server's own SQLite backend; the console API (\`GET /v1/console/reports\`, which computes the whole
Numbers page, and the CSV export) is called over HTTP on a real server process (as the other
figures start it) opened on the same file, signed in as a manager. After one unmeasured pass, ${c.rounds}
rounds each sample every call ${c.samples} times, interleaved, with a call skipped for the rest of its
round once it has used ${num(c.budgetMs / 1000, 's')} (so a slow export cannot take the run over); p50 and p95 are over all
samples. CPU time is that of the process doing the work (the bench process for store calls, the
server's \`/bench/cpu\` for HTTP), which moves far less than wall time on a shared machine.

The baselines, sampled in the same rounds on a plain read-only connection: a bare \`SELECT count(*)\`
of the workspace's leads captured in the range (from the \`leads_workspace_captured\` index), and a bare
scan reading the lead columns the reports read, row by row. The ratio is a call's p50 over the bare
count's. The goal (issue 21) is p95 under ${num(REPORT_GOAL_MS)} ms for every report; exports are file downloads of
every lead in the range and are timed but not held to it.`;
}

export function reportsSection(f: ReportsFigure, config: BenchConfig): string {
  const rows = f.ranges.flatMap((range) =>
    range.calls.map(
      (c) =>
        `| ${range.days} d | \`${c.name}\` | ${num(c.ms.p50, 'ms')} | ${num(c.ms.p95, 'ms')} | ${num(c.cpuMsP50, 'ms')} | ${num(c.ratioToCount)}× | ${num(c.ratioToScan)}× | ${c.size === null ? '' : num(c.size)} | ${isExport(c.name) ? '' : c.ms.p95 < REPORT_GOAL_MS ? 'yes' : '**no**'} |`,
    ),
  );
  const bases = f.ranges.map(
    (r) =>
      `| ${r.days} d | ${num(r.rows.leads)} | ${num(r.rows.events)} | ${num(r.rows.visitors)} | ${num(r.rows.stageChanges)} | ${num(r.bareCount.ms.p50, 'ms')} | ${num(r.bareScan.ms.p50, 'ms')} |`,
  );
  return `${reportsMethod(config)}

The generated file: ${num(f.fileMiB, 'MiB')}, written in ${num(f.generateSeconds, 's')} (${Object.entries(f.generated)
    .filter(([, n]) => n > 100)
    .map(([table, n]) => `${num(n)} ${table}`)
    .join(', ')}).

| Range | Leads | Events | New visitors | Stage changes | Bare count p50 | Bare scan p50 |
| --- | --- | --- | --- | --- | --- | --- |
${bases.join('\n')}

| Range | Call | p50 | p95 | CPU p50 | × bare count | × bare scan | Rows | p95 < ${num(REPORT_GOAL_MS)} ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}`;
}
