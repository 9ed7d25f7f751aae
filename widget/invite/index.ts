// Entry of `sixty-invite.js`: the invitation (./show-invite.ts), registered as `sixty._invite`.
// The loader injects it only when the server invites this visitor, which few visitors ever see,
// so its DOM, stylesheet and texts stay out of the loader every page pays for.
import type { InviteBundle, SixtyWindow } from '../contract';
import { showInvite } from './show-invite';

const sixty = (window as SixtyWindow).sixty;
if (sixty) sixty._invite = { show: showInvite } satisfies InviteBundle;
