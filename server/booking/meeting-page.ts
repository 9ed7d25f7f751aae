// The visitor's page to move or cancel their meeting, linked from their invite: plain HTML with
// forms (no script: it works in any mail client's browser), every value escaped.
import { meetingTime } from './meeting-mails';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title>
<style>
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f29;background:#f5f7fb}
main{max-width:560px;margin:0 auto;padding:32px 20px}
h1{font-size:22px;margin:0 0 8px}
p{margin:0 0 16px;color:#3c4354}
.card{background:#fff;border:1px solid #dde2ec;border-radius:14px;padding:20px;margin:0 0 16px}
.times{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}
button{font:inherit;font-weight:600;padding:10px 12px;border-radius:10px;border:1px solid #8a93a3;background:#fff;color:#1b1f29;cursor:pointer}
button:hover,button:focus-visible{border-color:#1746d1;background:#eef2fd}
.danger{border-color:#b42318;color:#b42318}
.note{font-size:14px;color:#4b5262}
.error{color:#b42318;font-weight:500}
</style></head><body><main>${body}</main></body></html>`;
}

export interface ManageView {
  token: string;
  repName: string;
  siteName: string;
  start: number;
  /** The visitor's zone, when their browser told it. */
  zone: string | null;
  /** Times the meeting may move to (ISO). */
  times: string[];
  /** Why the last try failed (a taken time), shown above the times. */
  error?: string;
  /** Just moved here. */
  moved?: boolean;
}

export function managePage(v: ManageView): string {
  const when = meetingTime(v.start, v.zone);
  const times = v.times.length
    ? `<form method="post" action="/meetings/${esc(v.token)}/move"><div class="times">${v.times
        .map((t) => `<button name="slot" value="${esc(t)}">${esc(meetingTime(Date.parse(t), v.zone))}</button>`)
        .join('')}</div></form>`
    : '<p class="note">No other time is free in the next two weeks.</p>';
  return page(
    `Your call with ${v.repName}`,
    `<div class="card"><h1>${v.moved ? 'Moved: your' : 'Your'} call with ${esc(v.repName)}</h1>
<p>${esc(v.repName)} of ${esc(v.siteName)} will call you on <strong>${esc(when)}</strong>.</p></div>
<div class="card"><h1>Move it</h1>${v.error ? `<p class="error" role="alert">${esc(v.error)}</p>` : ''}<p>Pick another time:</p>${times}</div>
<div class="card"><h1>Cancel it</h1><form method="post" action="/meetings/${esc(v.token)}/cancel"><button class="danger">Cancel the call</button></form></div>`,
  );
}

export function cancelledPage(repName: string, start: number, zone: string | null): string {
  return page(
    'Call cancelled',
    `<div class="card"><h1>Your call is cancelled</h1><p>The call with ${esc(repName)} on ${esc(meetingTime(start, zone))} is cancelled. ${esc(repName)} has been told.</p></div>`,
  );
}

/** A link that cannot be used: what happened, in words, and what to do. */
export function refusedPage(title: string, text: string): string {
  return page(title, `<div class="card"><h1>${esc(title)}</h1><p>${esc(text)}</p></div>`);
}
