// The invitation's dismiss button, on the launcher's corner (widget/loader/styles.ts), hidden
// with the launcher while the panel is open. Added to the shadow root when an invitation shows.
export const INVITE_CSS =
  '.dismiss{position:absolute;top:-12px;inset-inline-end:-8px;width:24px;height:24px;padding:0;border:2px solid #fff;border-radius:50%;background:#1d2433;color:#fff;font:inherit;line-height:1;cursor:pointer}' +
  '[hidden]+.dismiss{display:none}';
