// The panel's visitor-facing texts in English, the fallback for every language. A language pack
// (widget/lang/) or the site config's `texts` replace any of them by key. `{name}` placeholders
// are filled at run time (../fill.ts).
export const PANEL_EN = {
  title: 'Talk to sales',
  subtitle: '{site} will call you back within {seconds} seconds.',
  subtitleLoading: 'A real person will call you right back.',
  close: 'Close',
  loading: 'Loading…',
  unavailable: "Sorry, we can't take requests right now.",
  tryAgain: 'Try again',
  name: 'Name',
  phone: 'Phone',
  phoneHint: "We'll call this number right away.",
  email: 'Email',
  optional: '(optional)',
  nameMissing: 'Please tell us your name',
  phoneMissing: 'Please enter a phone number',
  phoneInvalid: 'Please enter a valid phone number',
  emailInvalid: 'Please enter a valid email address',
  choose: 'Please choose an option',
  answer: 'Please answer this question',
  fix: 'Please fix the highlighted fields.',
  sending: 'Sending your request…',
  offline: "You're offline. Your request is saved and goes out as soon as you're back online.",
  retrying: "We couldn't reach our server. Your request is saved; trying again…",
  submit: 'Call me now',
  fineprint: 'We only use these details to call you back about your request.',
  refused: 'Please check the details above and try again.',
  forbidden: "Sorry, we can't take requests from this page right now.",
  tooLong: 'That is more text than we can send. Please shorten your answers.',
  failed: 'Something went wrong. Please refresh the page and try again.',
  received: "Request received. We'll call {phone}.",
};

export type PanelTexts = typeof PANEL_EN;
