export { qualify } from './qualify';
export { applyEvents, behaviourReasons, emptyBehaviourState, matchesRule, type BehaviourState } from './behaviour-score';
export type * from './types';
