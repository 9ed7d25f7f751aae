// Launcher styles, scoped by the shadow root. `:host { all: initial }` stops the host page's
// inherited styles from leaking in, but page rules aimed at the host element itself still beat
// :host, so the font is set on our own top-level elements (here and on the panel) rather than
// inherited from the host.
export const LAUNCHER_CSS = `
:host{all:initial}
.launcher{position:fixed;right:20px;bottom:20px;max-width:calc(100vw - 40px);z-index:2147483000;display:inline-flex;align-items:center;gap:10px;margin:0;padding:10px 20px 10px 10px;border:0;border-radius:999px;background:#1746d1;color:#fff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased;font-size:15px;font-weight:600;line-height:1.2;letter-spacing:.01em;cursor:pointer;box-shadow:0 8px 24px rgba(16,24,40,.24),0 2px 6px rgba(16,24,40,.12);transition:transform .15s ease,background-color .15s ease}
.launcher:hover{background:#1238a8;transform:translateY(-1px)}
.launcher:focus{outline:none}
.launcher:focus-visible{box-shadow:0 0 0 3px #fff,0 0 0 6px #1746d1,0 8px 24px rgba(16,24,40,.24)}
.launcher[hidden]{display:none}
.launcher[aria-busy=true]{cursor:progress;opacity:.85}
.icon{display:inline-flex;align-items:center;justify-content:center;width:32px;height:32px;border-radius:50%;background:rgba(255,255,255,.18)}
.icon svg{width:16px;height:16px;fill:currentColor}
.dismiss{position:fixed;right:8px;bottom:60px;z-index:2147483000;width:24px;height:24px;margin:0;padding:0;border:0;border-radius:50%;background:#1d2433;color:#fff;font:18px/24px system-ui,sans-serif;cursor:pointer}
.dismiss:focus-visible{outline:2px solid #1746d1;outline-offset:2px}
[hidden]+.dismiss{display:none}
@media (prefers-reduced-motion:reduce){.launcher{transition:none}.launcher:hover{transform:none}}
`;
