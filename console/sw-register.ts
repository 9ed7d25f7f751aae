// Registers the console's service worker (console/sw/sw.ts, built to /console/sw.js): the app
// shell offline, installability, and the rep's offers pushed to this device (issue 22).
// `updateViaCache: 'none'`: the browser checks for a new worker on every load, never trusting an
// HTTP cache, so a new console version replaces the old worker at once.
export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/console/sw.js', { scope: '/console/', updateViaCache: 'none' }).catch(() => {
    // No worker (a browser setting, a private window): the console works as a tab without it.
  });
}
