// The call screens' styles, added to the shadow root next to the panel's and the live view's
// (whose layout, colours, spinner and button rules they reuse). Colours pass WCAG AA on white.
export const CALL_CSS = `
.call .live-title{margin-top:8px}
.call-time{margin:6px 0 0;font-size:34px;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.call-weak{margin:0;font-size:14px}
.call-weak:not(:empty){margin-top:12px;padding:8px 12px;border-radius:8px;background:#fff4e5;color:#8a4b00;font-weight:600}
.call-actions{display:flex;gap:10px;width:100%;margin-top:20px}
.call-actions button{flex:1;height:48px;border-radius:10px;font-size:16px}
.call-mute{border:1px solid #8a93a3;background:#fff;color:inherit}
.call-mute[aria-pressed=true]{border-color:#1a1d23;background:#1a1d23;color:#fff}
.call-hangup{border:0;background:#b42318;color:#fff}
.call-back{margin-top:14px}
`;
