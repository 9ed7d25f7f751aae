// The live view's visitor-facing texts in English (see widget/panel/texts.ts for how languages
// and the site config replace them). `head*` replace the panel header's 60-second promise once
// it no longer applies; `{site}` there is the site's name. `asking` names the reps offered the
// lead (`{reps}`: "Dana", "Dana and Sam", "Dana, Sam and {n} more" in the page's language).
export const LIVE_EN = {
  nearby: "Keep your phone nearby: we'll call {phone}.",
  callWaiting: "Keep this window open: you'll talk right here as soon as someone picks up.",
  leaveNumber: "Leave your phone number and we'll call you back.",
  leaveNumberButton: 'Leave my number',
  finding: 'Finding someone for you…',
  stillFinding: 'Still finding someone for you, thanks for waiting…',
  asking: 'Asking {reps}…',
  more: '{n} more',
  accepted: '{rep} accepted — calling you now',
  closedNow: "We're closed right now.",
  opens: 'We open {time}.',
  busy: 'Everyone is busy right now.',
  queued: "You're in the queue.",
  callWhenFree: "We'll call you as soon as someone is free.",
  pickTime: 'Or pick a time for us to call you:',
  book: 'Thanks! Pick a time for us to call you:',
  zone: 'Times in {zone}',
  scheduled: "We'll call you at {time}",
  booked: '{rep} will call you on {time}',
  scheduledDetail: "We'll call {phone}. You can close this window.",
  ended: "Thank you for your interest. We can't offer a call for this request, but we appreciate you reaching out.",
  endedLink: 'Learn more',
  closed: "Thanks, we have your request. We'll be in touch.",
  headClosed: '{site} is closed right now.',
  headLater: '{site} will call you as soon as someone is free.',
  headBook: '{site} will call you at a time you pick.',
  headBooked: '{site} will call you at the time you picked.',
  headEnded: 'Thanks for reaching out to {site}.',
  headTalk: 'Talk with {site} right here, in your browser.',
  seconds: 'seconds',
  reconnecting: 'Connection lost, reconnecting…',
  slotFailed: "We couldn't save that time. Please try again.",
};

export type LiveTexts = typeof LIVE_EN;
