// The booking screens' styles, added to the shadow root next to the panel's and the live view's
// (whose colours, focus and link rules they reuse).
export const BOOKING_CSS = `
.booking{width:100%}
.booking-done{display:flex;flex-direction:column;align-items:center;gap:10px}
.booking-error{margin:12px 0 0;font-size:14px;font-weight:500;color:#b42318;text-align:start}
.slot-days{display:grid;gap:14px;width:100%;margin:16px 0 0;text-align:start}
.slot-day{margin:0 0 8px;font-size:13px;font-weight:600;color:#4b5262}
.slot-zone{margin:0;font-size:13px;color:#4b5262}
.slot-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(96px,1fr));gap:8px}
.slot{display:flex;align-items:center;justify-content:center;gap:8px;width:100%;margin:0;padding:9px 8px;border:1px solid #8a93a3;border-radius:10px;background:#fff;color:inherit;font:inherit;font-size:14px;font-weight:600;white-space:nowrap;cursor:pointer}
.slot:hover{border-color:var(--k);background:var(--t)}
`;
