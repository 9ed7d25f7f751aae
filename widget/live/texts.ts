// The live view's visitor-facing texts in English (see widget/panel/texts.ts for how languages
// and the site config replace them).
export const LIVE_EN = {
  nearby: "Keep your phone nearby: we'll call {phone}.",
  finding: 'Finding someone for you…',
  stillFinding: 'Still finding someone for you, thanks for waiting…',
  accepted: '{rep} accepted — calling you now',
  busy: 'Everyone is busy right now.',
  pickTime: 'Pick a time for us to call you:',
  callWhenFree: "We'll call you as soon as someone is free.",
  scheduled: "We'll call you at {time}",
  scheduledDetail: "We'll call {phone}. You can close this window.",
  closed: 'Thanks, your request is closed.',
  seconds: 'seconds',
  reconnecting: 'Connection lost, reconnecting…',
  slotFailed: "We couldn't save that time. Please try again.",
};

export type LiveTexts = typeof LIVE_EN;
