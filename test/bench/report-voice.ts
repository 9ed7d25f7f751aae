// Figure 8's block of docs/benchmarks.md: hand-raise to voice in the browser, beside a bare WebRTC
// connect, with its method. Written by `npm run bench -- --only=voice` alone, or by the full run.
import { wrapDocBlock } from './cluster-section';
import { RESEND_OFFER_MS } from '../../console/calls/rep-call';
import { leg, type Leg, type VoiceFigure } from './figures/voice';
import { num } from './report-format';
import type { BenchResults } from './results';

const row = (measure: string, l: Leg) => `| ${measure} | ${num(l.median, 'ms')} | ${num(l.p95, 'ms')} | ${num(l.min)}–${num(l.max)} ms |`;

export function renderVoiceBlock(r: BenchResults): string | null {
  const f = r.figures.voice;
  if (!f) return null;
  const when = r.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const commit = r.commit ? `commit \`${r.commit.sha}\`${r.commit.dirty ? ' with uncommitted changes' : ''}` : 'an unknown commit';
  return wrapDocBlock('voice-bench', voiceSection(f, `${when}, ${commit}, load average at start ${r.machine.loadAverage.join(', ')}`));
}

/** The calls whose offer reached the widget only with the console's resend, if any, and the others. */
function slowNote(f: VoiceFigure): string {
  const isLate = (c: VoiceFigure['perCall'][number]) => c.visitorOfferMs !== null && c.visitorOfferMs - c.acceptClickedMs > RESEND_OFFER_MS / 2;
  const late = f.perCall.filter(isLate);
  if (!late.length) return '';
  const onTime = leg(f.perCall.filter((c) => !isLate(c)).map((c) => c.voiceMs - c.acceptClickedMs));
  return `
In ${late.length} of ${f.calls} calls the widget applied the console's offer only ${num(Math.min(...late.map((c) => c.visitorOfferMs! - c.acceptClickedMs)), 'ms')}
or more after the accept: it never applied the console's first offer, and the console's resend
(\`RESEND_OFFER_MS\`, ${num(RESEND_OFFER_MS, 'ms')}, in \`console/calls/rep-call.ts\`) connected the call; those calls make the p95.
The other ${onTime.n} calls: accept → voice connected median ${num(onTime.median, 'ms')}, p95 ${num(onTime.p95, 'ms')}
(${num(onTime.median / f.bareConnect.median)}× the bare connect).`;
}

export function voiceSection(f: VoiceFigure, run: string): string {
  const packets = [...f.perCall.map((c) => c.packetsAtDetect), ...f.bare.map((b) => b.packetsAtDetect)];
  const firstPacket = packets.filter((p) => p === 1).length;
  return `### 8. Hand-raise to voice in the browser

Written by \`npm run bench -- --only=voice\` (${run}): ${f.calls} browser calls through Sixty
and ${f.calls} bare WebRTC connects in the same run and the same Chromium, on loopback.

| Measure (${f.calls} calls) | Median | p95 | Min–max |
| --- | --- | --- | --- |
${row('Hand-raise (the visitor’s click) → offer card on the rep’s screen', f.handRaiseToOffer)}
${row('Offer card on screen → Accept clicked (the bench’s reaction, not a person’s)', f.offerToAccept)}
${row('Accept clicked → voice connected (first audio packet at the visitor)', f.acceptToVoice)}
${row('of which: Accept clicked → the widget applies the console’s offer', f.acceptToOfferApplied)}
${row('of which: offer applied → first audio packet at the visitor', f.offerAppliedToVoice)}
${row('**Hand-raise → voice connected**, all of it', f.handRaiseToVoice)}
${row('Hand-raise → voice connected without the reaction (offer leg + voice leg)', f.handRaiseToVoiceNoReaction)}
${row('Bare baseline: two plain pages, createOffer → first audio packet at the answerer', f.bareConnect)}

Ratio, accept → voice connected through Sixty over the bare connect (medians): **${num(f.ratio)}×**.
${slowNote(f)}

**What is measured.** A real Sixty server (the demo workspace, browser calls turned on for the
site, started in the bench process on a fresh SQLite file; limits off as in the tests) and one
Chromium with fake audio devices (\`--use-fake-device-for-media-stream\`,
\`--use-fake-ui-for-media-stream\`) and loopback candidates allowed
(\`--allow-loopback-in-peer-connection\`). The rep's real console is signed in, Available and
"Ready for browser calls", its microphone granted. For each call a fresh browser context opens a
customer's page (a host page on its own origin with the snippet), fills the panel and clicks
"Talk now in your browser"; the console shows the browser-call offer, the bench accepts it, the
console (the offerer) and the widget (the answerer) connect over WebRTC with Sixty signalling
over its socket.io connections; the visitor hangs up in the widget and the next call starts once
the console shows "Call ended" (the rep's open-lead capacity is raised above the number of calls,
so she is offered every one). One unmeasured call (and one unmeasured bare connect) runs first.

**How.** Every time is read inside the pages on the machine's one wall clock
(\`performance.timeOrigin + performance.now()\`, 0.1 ms in Chromium), from a script the bench
adds to each page before the page's own: a capturing click listener stamps the click on "Talk
now in your browser" and on Accept; a MutationObserver stamps the first open offer card for that
visitor and clicks its Accept button in the same callback as soon as it is enabled, so the
offer → accept leg (${num(f.offerToAccept.median, 'ms')}) is the bench's own reaction and a
person's reaction time is in no figure: read hand-raise → offer and accept → voice as the two
legs Sixty owns. **Voice connected** is the first audio packet at the visitor: once the visitor's
peer connection has an audio receiver, \`RTCRtpReceiver.getSynchronizationSources()\` is polled
with \`setInterval(…, ${num(f.pollMs)})\` (Chromium runs it every 1–4 ms) and the first time it lists a
source is taken. Chromium fills that list as received audio is delivered for playout, in 10 ms
frames (with no \`<audio>\` element playing the remote stream it stayed empty; the widget plays it
into one), so the resolution is about 10 ms plus the poll; as a check, the receiver's \`getStats()\` read at that moment showed
exactly 1 inbound packet in ${firstPacket} of ${packets.length} calls and connects. getStats()
itself is not polled: Chromium caches its report for up to 50 ms. Only 127.0.0.1 candidates are
kept (remote candidates on other addresses are dropped before \`addIceCandidate\`), no TURN: the
issue asks for loopback; the relay path is tested in \`test/e2e/browser-call.e2e.test.ts\`.

**The baseline.** Two plain pages on \`http://127.0.0.1\` (no Sixty) in one context of the same
browser, each with the fake microphone's track and the remote stream played into an \`<audio>\`
element; offer, answer and candidates pass through the bench process (page bindings), as Sixty's
pass through its server. Timed from the offerer's \`createOffer()\` to the same first-packet
detector at the answerer.

**Not in it.** Loading the page and the widget, opening and filling the panel (the clock starts at
the click), the microphone prompt (fake UI grants it at once; a person reads it), a person's
reaction to the offer card, the network between a real visitor and a real server (all on
loopback: real calls add round trips to the offer, answer and ICE checks, and TURN where a
firewall forces it), and the audio device's own latency. The server shares this machine with
Chromium and the bench, so the figures include their competition for its cores.`;
}
