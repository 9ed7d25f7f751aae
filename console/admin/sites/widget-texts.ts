// The widget texts a site may override, with the English defaults shown as placeholders and in
// the preview. Mirrors the keys of widget/loader/texts.ts, widget/invite/show-invite.ts and widget/panel/texts.ts (copied, not
// imported, so the console does not bundle widget code); other keys a site already has are kept.

export const TEXT_KEYS = [
  { key: 'launcher', label: 'Launcher button', fallback: 'Talk to sales in 60 seconds' },
  { key: 'invite', label: 'Invitation ({rep} is the rep’s name)', fallback: 'Questions? {rep} can call you in under a minute' },
  { key: 'title', label: 'Form title', fallback: 'Talk to sales' },
  { key: 'subtitle', label: 'Form subtitle ({site}, {seconds})', fallback: '{site} will call you back within {seconds} seconds.' },
  { key: 'submit', label: 'Submit button', fallback: 'Call me now' },
  { key: 'fineprint', label: 'Fine print', fallback: 'We only use these details to call you back about your request.' },
] as const;

export type TextKey = (typeof TEXT_KEYS)[number]['key'];

/** What visitors the site will not call read instead (widget/live/texts.ts `ended`, `endedLink`). */
export const ENDING_KEYS = [
  {
    key: 'ended',
    label: 'Message',
    fallback: "Thank you for your interest. We can't offer a call for this request, but we appreciate you reaching out.",
  },
  { key: 'endedLink', label: 'Link text', fallback: 'Learn more' },
] as const;

/** The built-in English text for `key`. */
export const fallbackText = (key: TextKey): string => TEXT_KEYS.find((t) => t.key === key)!.fallback;

/** `ar-EG` -> `ar`; right-to-left scripts mirror the preview. */
export const isRtl = (lang: string) => /^(ar|he|fa|ur|ps|yi)$/.test(lang.split('-')[0]!.toLowerCase());
