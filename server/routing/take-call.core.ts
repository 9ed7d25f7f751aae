// Who may be offered a browser call (issue 23): the visitor is waiting to talk in their browser,
// so the lead can only go to a rep whose console tab can take the call now. A rep reached by push
// (on their devices) has no call screen, and a tab without a microphone cannot answer.
import type { TalkMode } from '../../shared/schemas/call.schema';
import type { RepState } from './routing.types';

/**
 * Whether `rep` can take a lead the visitor asked to talk about as `talk`. A phone callback: anyone
 * (the other checks decide). A browser call: only a rep with a live console tab that reported it
 * can take calls (`callTabs`: reps with such a tab, from the rep sockets' `calls:capable`), and who
 * is not on their devices, whose offers go out by push where no call can be taken.
 */
export function canTakeCall(rep: Pick<RepState, 'repId' | 'chosen'>, talk: TalkMode | null, callTabs: ReadonlySet<string>): boolean {
  if (talk !== 'browser') return true;
  return rep.chosen !== 'devices' && callTabs.has(rep.repId);
}
