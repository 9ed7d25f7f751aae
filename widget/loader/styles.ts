// Launcher styles, scoped by the shadow root. The host element itself sits in the page, where
// page rules reach it (`div { transform: ... }` would even make it the containing block of our
// fixed-position launcher): `:host { all: initial !important }` wins over them, because for
// important declarations the shadow tree's own rules beat the page's. Inherited properties still
// flow in from the page, so `.frame`, our top-level element, resets them and sets the font.
// The site's look arrives as custom properties on `.frame` (./appearance.ts), shared with the
// panel and the live view. Logical properties (`inset-inline`) mirror the corner right to left.
// The launcher never moves (nothing for reduced motion to stop). The invitation's dismiss button
// brings its own rules (widget/invite/styles.ts).
// Written as joined literals, which the minifier folds into one string without line breaks.
export const LAUNCHER_CSS =
  ':host{all:initial!important}' +
  '.frame{all:initial;color:#1a1d23;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}' +
  '[hidden]{display:none!important}' +
  '.dock{position:fixed;inset-inline:var(--i);bottom:20px;z-index:var(--z);max-width:calc(100vw - 40px)}' +
  '.launcher{display:flex;align-items:center;gap:10px;margin:0;padding:10px;padding-inline-end:20px;border:0;border-radius:28px;background:var(--a);color:var(--o);font:inherit;font-weight:600;line-height:1.25;text-align:start;cursor:pointer;box-shadow:0 6px 20px rgba(16,24,40,.3)}' +
  '.launcher:hover{background-image:linear-gradient(var(--h),var(--h))}' +
  '.launcher:focus-visible{outline:3px solid var(--k);outline-offset:3px}' +
  '.launcher[aria-busy=true]{cursor:progress}' +
  '.icon{display:flex;align-items:center;justify-content:center;flex:none;width:32px;height:32px;border-radius:50%;background:rgba(255,255,255,.18)}' +
  '.icon svg{width:16px;fill:currentColor}' +
  '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}';
