// Panel styles, added to the loader's shadow root. Inherited properties (font, colour, direction)
// and the site's look (custom properties: --a accent, --o text on it, --k accent where it must
// read on white, --t its tint, --s/--e the corner; widget/loader/appearance.ts) come from the
// loader's `.frame`; logical properties mirror the layout right to left. Colours pass WCAG AA on
// white: --k at least 4.5:1 by construction, body text #1a1d23 16:1, muted #4b5262 7.6:1, error
// #b42318 6.5:1, and field borders #8a93a3 3.2:1 (non-text contrast).
export const PANEL_CSS = `
*{box-sizing:border-box}
.panel{position:fixed;inset-inline:var(--i);top:100%;transform:translateY(calc(-100% - 20px));z-index:var(--z);display:flex;flex-direction:column;width:380px;max-height:calc(100vh - 40px);background:#fff;border-radius:16px;box-shadow:0 12px 48px rgba(16,24,40,.3);overflow:hidden}
:focus-visible{outline:3px solid var(--k);outline-offset:2px}
[tabindex="-1"]:focus{outline:none}
.head{display:flex;align-items:flex-start;gap:12px;padding:20px 22px 18px;padding-inline-end:14px;background:var(--a);color:var(--o)}
.head>div{flex:auto}
.head :focus-visible{outline-color:var(--o)}
h2{margin:0 0 4px;font-size:19px;line-height:1.25}
.head p{margin:0;font-size:14px}
.close{display:flex;align-items:center;justify-content:center;width:36px;height:36px;margin-top:-6px;padding:0;border:0;border-radius:8px;background:none;color:inherit;cursor:pointer}
.close svg{width:22px;fill:currentColor}
.body{overflow-y:auto;padding:20px 22px 18px}
.field{margin:0 0 16px;padding:0;border:0;min-width:0}
label,legend{display:block;margin:0 0 6px;padding:0;font-size:14px;font-weight:600}
.optional,.hint,.muted,small{font-weight:400;color:#4b5262}
.hint{margin:-2px 0 6px;font-size:13px}
.field>input{width:100%;height:44px;padding:0 12px;border:1px solid #8a93a3;border-radius:8px;font:inherit}
.field>[aria-invalid=true]{border-color:#c4281c}
.options{display:grid;gap:8px}
.option{display:flex;align-items:center;gap:10px;margin:0;padding:10px 12px;border:1px solid #d3d8e1;border-radius:8px;font-weight:400;cursor:pointer}
.option:has(:checked){border-color:var(--k);background:var(--t)}
.option input{width:18px;height:18px;margin:0;accent-color:var(--k)}
.error{margin:6px 0 0;font-size:13px;color:#b42318}
.status{margin:0;font-size:14px}
.status:not(:empty){margin:0 0 12px;padding:10px 12px;border-radius:8px;background:#f2f4f8}
.is-error{background:#fef3f2!important;color:#b42318}
button{font:inherit;font-weight:600;cursor:pointer}
.submit{width:100%;height:48px;border:0;border-radius:10px;background:var(--a);color:var(--o);font-size:16px}
.talk{margin-top:10px;border:2px solid var(--k);background:#fff;color:var(--k)}
.talk+.hint{margin:8px 0 0;text-align:center}
.secondary{padding:10px 16px;border:1px solid #8a93a3;border-radius:10px;background:#fff}
[aria-disabled=true]{cursor:progress;opacity:.85}
small{display:block;margin-top:12px;font-size:12.5px;text-align:center}
@media (max-width:479px){.panel{inset:0;transform:none;width:auto;max-height:none;border-radius:0}.body{padding:20px 18px}}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`;
