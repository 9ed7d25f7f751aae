// Whether behaviour may be tracked and first-party storage used, from the site's consent mode,
// the visitor's explicit choice and the browser's privacy signals.

export type ConsentMode = 'required' | 'implied';

/**
 * Global Privacy Control or Do Not Track: no behaviour events at all, whatever the site says.
 * (A callback the visitor asks for still works: that is the visitor acting, not being tracked.)
 */
export function browserOptedOut(nav: { globalPrivacyControl?: unknown; doNotTrack?: string | null }): boolean {
  return nav.globalPrivacyControl === true || nav.doNotTrack === '1';
}

/**
 * `mode` is undefined until the site config arrives (and stays so when it cannot be loaded:
 * then nothing is tracked). `choice` is null until the site or the visitor decides.
 */
export function trackingAllowed(mode: ConsentMode | undefined, choice: boolean | null, optedOut: boolean): boolean {
  return !optedOut && !!mode && (choice === null ? mode === 'implied' : choice);
}
