// Panel styles, scoped by the loader's shadow root. The font is set on .panel, not inherited from
// the host element, which page CSS can still reach (see widget/loader/styles.ts).
// Brand blue #1746d1 on white is 7.6:1; body text #1a1d23 and muted text #4b5262 pass AA.
export const PANEL_CSS = `
*,*::before,*::after{box-sizing:border-box}
.panel{position:fixed;right:20px;bottom:20px;z-index:2147483000;display:flex;flex-direction:column;width:380px;max-height:calc(100vh - 40px);margin:0;background:#fff;color:#1a1d23;border:1px solid rgba(16,24,40,.08);border-radius:16px;box-shadow:0 24px 64px rgba(16,24,40,.26),0 4px 12px rgba(16,24,40,.1);overflow:hidden;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased;font-size:15px;line-height:1.45;text-align:left}
.panel[hidden]{display:none}
.head{display:flex;align-items:flex-start;justify-content:space-between;gap:12px;padding:20px 16px 18px 22px;background:#1746d1;color:#fff}
.title{margin:0 0 4px;font-size:19px;font-weight:700;line-height:1.25;letter-spacing:-.01em}
.title:focus{outline:none}
.subtitle{margin:0;font-size:14px;line-height:1.4;color:#e3e9fb}
.close{flex:none;display:inline-flex;align-items:center;justify-content:center;width:36px;height:36px;margin:-6px 0 0;padding:0;border:0;border-radius:8px;background:transparent;color:#fff;cursor:pointer}
.close:hover{background:rgba(255,255,255,.16)}
.close svg{width:22px;height:22px;fill:currentColor}
.close:focus-visible{outline:2px solid #fff;outline-offset:1px}
.body{flex:1 1 auto;overflow-y:auto;padding:20px 22px 18px}
.field{margin:0 0 16px;padding:0;border:0;min-width:0}
label,legend{display:block;margin:0 0 6px;padding:0;font-size:14px;font-weight:600;color:#1a1d23}
.optional{font-weight:400;color:#4b5262}
.hint{margin:-2px 0 6px;font-size:13px;color:#4b5262}
input[type=text],input[type=tel],input[type=email]{display:block;width:100%;height:44px;margin:0;padding:0 12px;border:1px solid #b9c0cc;border-radius:8px;background:#fff;color:#1a1d23;font:inherit;font-size:15px}
input[type=text]:hover,input[type=tel]:hover,input[type=email]:hover{border-color:#8a93a3}
input:focus{outline:none}
input[type=text]:focus-visible,input[type=tel]:focus-visible,input[type=email]:focus-visible{border-color:#1746d1;box-shadow:0 0 0 1px #1746d1,0 0 0 4px rgba(23,70,209,.22)}
input[aria-invalid=true]{border-color:#c4281c}
input[aria-invalid=true]:focus-visible{border-color:#c4281c;box-shadow:0 0 0 1px #c4281c,0 0 0 4px rgba(196,40,28,.2)}
.options{display:grid;gap:8px}
.option{display:flex;align-items:center;gap:10px;margin:0;padding:10px 12px;border:1px solid #d3d8e1;border-radius:8px;font-weight:400;cursor:pointer;transition:border-color .15s,background-color .15s}
.option:hover{border-color:#8a93a3}
.option:has(input:checked){border-color:#1746d1;background:#f0f4ff}
.option input{width:18px;height:18px;margin:0;accent-color:#1746d1}
.option input:focus-visible{outline:2px solid #1746d1;outline-offset:2px}
[aria-invalid=true] .option{border-color:#e4a29c}
.error{display:flex;gap:6px;margin:6px 0 0;font-size:13px;font-weight:500;color:#b42318}
.error::before{content:"!";flex:none;display:inline-flex;align-items:center;justify-content:center;width:16px;height:16px;margin-top:1px;border-radius:50%;background:#b42318;color:#fff;font-size:11px;font-weight:700}
.form-status{margin:0;font-size:14px}
.form-status:not(:empty){margin:0 0 12px;padding:10px 12px;border-radius:8px;background:#f2f4f8;color:#1a1d23}
.form-status.is-error:not(:empty){background:#fef3f2;color:#b42318}
.submit,.secondary,.slot{display:inline-flex;align-items:center;justify-content:center;gap:8px;margin:0;border-radius:10px;font:inherit;font-weight:600;cursor:pointer;transition:background-color .15s,border-color .15s}
.submit{width:100%;height:48px;border:0;background:#1746d1;color:#fff;font-size:16px}
.submit:hover{background:#1238a8}
.submit:focus-visible,.secondary:focus-visible,.slot:focus-visible{outline:none;box-shadow:0 0 0 2px #fff,0 0 0 5px #1746d1}
[aria-disabled=true]{cursor:progress;opacity:.75}
.secondary,.slot{padding:10px 16px;border:1px solid #b9c0cc;background:#fff;color:#1a1d23;font-size:15px}
.secondary:hover,.slot:hover{border-color:#1746d1;background:#f0f4ff}
.fineprint{margin:12px 0 0;font-size:12.5px;text-align:center;color:#4b5262}
.muted{margin:8px 0;color:#4b5262}
.unavailable{display:grid;gap:12px;justify-items:start}
.unavailable p{margin:0}
.spinner{width:16px;height:16px;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:sixty-spin .8s linear infinite}
@keyframes sixty-spin{to{transform:rotate(360deg)}}
.live{display:flex;flex-direction:column;align-items:center;padding:8px 0 6px;text-align:center}
.live-title{margin:16px 0 6px;font-size:18px;font-weight:600;line-height:1.35}
.live-title:focus{outline:none}
.live-sub{display:block;margin-top:4px;font-size:15px;font-weight:400;color:#4b5262}
.live-title strong{font-weight:700;color:#1746d1}
.live-error{display:block;margin-top:8px;font-size:14px;font-weight:500;color:#b42318}
.nowrap{white-space:nowrap}
.live-detail{margin:0;color:#4b5262;font-size:14px}
.ring{position:relative;display:flex;flex-direction:column;align-items:center;justify-content:center;width:120px;height:120px}
.ring svg{position:absolute;inset:0;width:100%;height:100%;transform:rotate(-90deg)}
.ring circle{fill:none;stroke-width:7}
.ring-track{stroke:#e6eaf3}
.ring-progress{stroke:#1746d1;stroke-linecap:round;transition:stroke-dashoffset 1s linear}
.ring-count{position:relative;font-size:34px;font-weight:700;line-height:1;font-variant-numeric:tabular-nums}
.ring-unit{position:relative;margin-top:2px;font-size:12px;color:#4b5262}
.badge{display:inline-flex;align-items:center;justify-content:center;width:72px;height:72px;border-radius:50%}
.badge-icon{width:38px;height:38px;fill:currentColor}
.badge.is-ok{background:#e7f6ec;color:#137333}
.badge.is-clock{background:#eef2fd;color:#1746d1}
.slot-days{display:grid;gap:14px;width:100%;margin:16px 0 0;text-align:left}
.slot-day{margin:0 0 8px;font-size:13px;font-weight:600;color:#4b5262;text-transform:uppercase;letter-spacing:.04em}
.slot-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(96px,1fr));gap:8px}
.slot{width:100%;padding:9px 8px;font-size:14px;white-space:nowrap}
@media (max-width:479px){.panel{inset:0;width:auto;max-height:none;border:0;border-radius:0;box-shadow:none}.body{padding:20px 18px}}
@media (prefers-reduced-motion:reduce){*{transition:none;animation-duration:2s}}
`;
