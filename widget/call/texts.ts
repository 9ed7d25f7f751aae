// The call screens' visitor-facing texts in English (see widget/panel/texts.ts for how languages
// and the site config replace them). `{rep}` is the name of the rep on the call.
export const CALL_EN = {
  callConnecting: 'Connecting you with {rep}…',
  callWith: 'On a call with {rep}',
  callWeak: 'Connection weak: you may hear gaps.',
  mute: 'Mute',
  unmute: 'Unmute',
  hangUp: 'Hang up',
  callEnded: 'Call ended',
  callLost: 'The connection was lost.',
  callLength: 'Call length {time}',
  callBack: 'Want to talk more? We can call you back on your phone.',
  callMeBack: 'Call me back',
};

export type CallTexts = typeof CALL_EN;
