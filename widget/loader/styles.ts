// Launcher styles, scoped by the shadow root. The host element itself sits in the page, where
// page rules reach it (`div { transform: ... }` would even make it the containing block of our
// fixed-position launcher): `:host { all: initial !important }` wins over them, because for
// important declarations the shadow tree's own rules beat the page's. Inherited properties still
// flow in from the page, so `.frame`, our top-level element, resets them and sets the font.
// `--z` carries the configured z-index to the panel too. Logical properties (`inset-inline-end`)
// mirror the layout right to left. The launcher never moves (nothing for reduced motion to stop).
export const launcherCss = (z: number) => `
:host{all:initial!important}
.frame{all:initial;--z:${z};color:#1a1d23;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
[hidden]{display:none!important}
.dock{position:fixed;inset-inline-end:20px;bottom:20px;z-index:var(--z);max-width:calc(100vw - 40px)}
.launcher{display:flex;align-items:center;gap:10px;margin:0;padding:10px;padding-inline-end:20px;border:0;border-radius:28px;background:#1746d1;color:#fff;font:inherit;font-weight:600;line-height:1.25;text-align:start;cursor:pointer;box-shadow:0 6px 20px rgba(16,24,40,.3)}
.launcher:hover{background:#1238a8}
.launcher:focus-visible{outline:3px solid #1746d1;outline-offset:3px}
.launcher[aria-busy=true]{cursor:progress}
.icon{display:flex;align-items:center;justify-content:center;flex:none;width:32px;height:32px;border-radius:50%;background:rgba(255,255,255,.18)}
.icon svg{width:16px;fill:currentColor}
.dismiss{position:absolute;top:-12px;inset-inline-end:-8px;width:24px;height:24px;padding:0;border:2px solid #fff;border-radius:50%;background:#1d2433;color:#fff;font:inherit;line-height:1;cursor:pointer}
[hidden]+.dismiss{display:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;
