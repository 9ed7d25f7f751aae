// Entry of `sixty-qualify.js`: the whole qualification engine (fit, behaviour scoring with decay
// and URL globs) as the widget's build makes it, registered as `sixty._qualify` for pages and
// tests that compare it with the server's (test/e2e/qualify-parity.e2e.test.ts, the bench's
// scoring figure). No visitor loads it: the panel checks only the must-have answers (fit), and
// behaviour scoring there would be bytes every visitor pays for and nothing runs.
import { applyEvents, emptyBehaviourState } from '../../shared/qualify/behaviour-score';
import { qualify } from '../../shared/qualify/qualify';
import type { QualifyInput } from '../../shared/qualify/types';
import type { SixtyWindow } from '../contract';

const sixty = (window as SixtyWindow).sixty;
if (sixty) sixty._qualify = Object.assign((input: QualifyInput) => qualify(input), { qualify, applyEvents, emptyBehaviourState });
