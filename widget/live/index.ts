// Entry of `sixty-live.js`: the panel's live phase, registered as `sixty._live`. A separate bundle
// because socket.io-client is most of the widget's weight and only matters after a request (the
// panel prefetches it while the visitor fills the form). It renders with the panel's Preact
// (./shared-preact.ts), so it adds no second copy.
import type { LiveBundle, SixtyWindow } from '../contract';
import { LiveView } from './LiveView';
import { LIVE_CSS } from './styles';

const live: LiveBundle = { LiveView, css: LIVE_CSS };

const sixty = (window as SixtyWindow).sixty;
if (sixty && sixty._ui) sixty._live = live;
