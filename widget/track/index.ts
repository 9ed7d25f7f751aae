// Entry of `sixty-track.js`: behaviour tracking, registered as `sixty._track`. The loader starts
// it only once the site's consent mode, the visitor's choice and the browser's privacy signals
// allow tracking, so a visitor who is not tracked never even downloads this code, unless the site
// counts a submitted contact form as the visitor's request for contact: then only its forms-only
// mode runs (`forms`, ./host-forms.ts) until tracking is allowed.
// Page views (with single-page-app navigation), visible time and scroll depth, marked and
// configured clicks, downloads, outbound links, the host page's own forms, and the API's
// `track` and `identify`, batched to `POST /v1/events`.
import type { SixtyWindow, TrackBundle } from '../contract';
import { emit, flush, sendAs, sendTo, visitorId } from './batch';
import { onInteraction, trackSelectors } from './capture';
import type { Props } from './clean-props';
import { guard } from './guard';
import { watchContactForms, watchForms } from './host-forms';
import { onNavigation, type Navigation } from './navigation';
import { currentUrl, hidePage, resetPage, scrollDepthNow, scrollPage, showPage, viewPage } from './pages';
import { loadVisitor } from './visitor';

let listening = false;

function stop(): void {
  sendAs('', undefined);
  resetPage();
}

const bundle: TrackBundle = {
  start(ctx) {
    sendTo(ctx.origin + '/v1/events', ctx.siteKey, ctx.onInvite);
    trackSelectors(ctx.selectors);
    watchForms(ctx.origin, ctx.siteKey, ctx.forms);
    sendAs(...loadVisitor());
    if (!listening) listen();
    viewPage();
    return {
      track: (name, props) => name && emit({ type: 'custom', name: name as string, props: props as Props }),
      identify: (traits) => emit({ type: 'identify', props: traits as Props }),
      visitorId: () => visitorId || undefined,
      stop,
    };
  },
  forms: watchContactForms,
};

function listen(): void {
  listening = true;
  // Listeners stay registered once added; they do nothing while tracking is stopped.
  const whenOn = <T = Event>(fn: (arg: T) => void) => guard((arg: T) => visitorId && fn(arg));
  const leave = whenOn<Event | void>(() => {
    hidePage();
    flush(true);
  });
  // The page being left is measured at the history change too: a task later the router may have
  // rendered the next page and scrolled. Nothing is measured while tracking is stopped.
  const leaving = () => ({ url: currentUrl(), leftDepth: visitorId ? scrollDepthNow() : 0 });
  onNavigation(
    leaving,
    whenOn<Navigation>(({ url, at, leftDepth }) => viewPage(url, at, leftDepth)),
  );
  document.addEventListener('click', whenOn(onInteraction), true);
  document.addEventListener('submit', whenOn(onInteraction), true);
  document.addEventListener(
    'visibilitychange',
    whenOn(() => (document.hidden ? leave : showPage)()),
  );
  addEventListener('scroll', whenOn(scrollPage), { passive: true });
  addEventListener('pagehide', leave);
  // Back from the back/forward cache: a new view of the page.
  addEventListener(
    'pageshow',
    whenOn<PageTransitionEvent>((event) => {
      if (event.persisted) {
        resetPage();
        viewPage();
      }
    }),
  );
}

const sixty = (window as SixtyWindow).sixty;
if (sixty) sixty._track = bundle;
