// The live view's styles, added to the shadow root by the panel next to its own (whose focus
// and reduced-motion rules it reuses). Colours and the site's look as in widget/panel/styles.ts.
export const LIVE_CSS = `
.live{display:flex;flex-direction:column;align-items:center;padding:8px 0 6px;text-align:center}
.live-title{margin:16px 0 6px;font-size:18px;font-weight:600;line-height:1.35}
.live-title strong{color:var(--k)}
.live-sub{display:block;margin-top:4px;font-size:15px;font-weight:400;color:#4b5262}
.live-detail,.live-note{margin:0;font-size:14px;color:#4b5262}
.live-note:not(:empty){margin-top:12px}
.nowrap{white-space:nowrap}
.ring{position:relative;display:flex;flex-direction:column;align-items:center;justify-content:center;width:120px;height:120px}
.ring svg{position:absolute;inset:0;width:100%;height:100%;transform:rotate(-90deg)}
.ring circle{fill:none;stroke-width:7}
.ring-track{stroke:#e6eaf3}
.ring-progress{stroke:var(--k);stroke-linecap:round;transition:stroke-dashoffset 1s linear}
.ring-count{position:relative;font-size:34px;font-weight:700;line-height:1;font-variant-numeric:tabular-nums}
.ring-unit{position:relative;margin-top:2px;font-size:12px;color:#4b5262}
.badge{display:flex;align-items:center;justify-content:center;width:72px;height:72px;border-radius:50%;background:var(--t);color:var(--k)}
.badge svg{width:38px;height:38px;fill:currentColor}
.badge.is-ok{background:#e7f6ec;color:#137333}
.live-ended{display:block;font-size:16px;font-weight:500}
.live-link{display:inline-block;margin-top:6px;padding:10px 16px;border:1px solid var(--k);border-radius:10px;color:var(--k);font-weight:600;text-decoration:none}
.live-link:hover{background:var(--t)}
.spinner{width:14px;height:14px;border:2px solid;border-inline-end-color:transparent;border-radius:50%;animation:sixty-spin .8s linear infinite}
@keyframes sixty-spin{to{transform:rotate(360deg)}}
`;
