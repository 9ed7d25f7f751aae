// Entry of `sixty-call.js`: the call screens of a browser call (issue 23), registered as
// `sixty._call`. Loaded only when the visitor chooses "Talk now in your browser"; renders with the
// panel's Preact (widget/live/shared-preact.ts) and signals over the live view's socket. WebRTC
// comes from the browser: no media library.
import type { CallBundle, SixtyWindow } from '../contract';
import { CallView } from './CallView';
import { CALL_CSS } from './styles';

const call: CallBundle = { CallView, css: CALL_CSS };

const sixty = (window as SixtyWindow).sixty;
if (sixty && sixty._ui) sixty._call = call;
