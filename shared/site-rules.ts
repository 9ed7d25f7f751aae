// The site's qualification rules as plain typed objects. The widget bundles the qualification
// engine, so nothing here may import zod; the server validates these shapes with the zod
// schemas in ./schemas/site-rules.schema.ts before they reach the engine.
import type { FormMappings } from './forms';

/** Why a must-have answer rules a lead out, and which terminal stage it sends them to. */
export interface Disqualifier {
  reason: string;
  /** `suspect` means never route again (competitor, student); default `disqualified`. */
  stage?: 'disqualified' | 'suspect';
}

export interface QuestionOption {
  value: string;
  label: string;
  /** Present when choosing this option rules the lead out whatever else is true. */
  disqualify?: Disqualifier;
  /** Fit points this answer earns (shown as a reason). */
  points?: number;
}

export interface Question {
  id: string;
  label: string;
  type: 'single' | 'text';
  /** For `single`: the choices, in display order. */
  options?: QuestionOption[];
}

/** A behaviour rule: an event that earns points. Points are never negative, so decay never raises a score. */
export interface BehaviourRule {
  id: string;
  label: string;
  /** Event type (`page_view`, `click`, `download`, `outbound`, `form_submit`, `custom`...). */
  type: string;
  /** Event name, for `custom` and `click` events (`data-sixty-event` or a configured selector's name). */
  name?: string;
  /** Substring the event's URL must contain. */
  urlContains?: string;
  /** Glob the event's URL path must match (`*` = any run of characters), e.g. `/pricing*`. */
  urlPattern?: string;
  points: number;
  /** `each` occurrence earns points (default), or only `once` (the latest occurrence, decayed). */
  count?: 'each' | 'once';
  /** Most points this rule can contribute. */
  cap?: number;
}

/** A fit rule on a trait or answer: earns (or costs) points, or rules the lead out. */
export interface FitRule {
  id: string;
  label: string;
  /** Trait name (`companySize`, `country`, `emailDomain`, `jobTitle`, any identify trait) or `answer:<questionId>`. */
  trait: string;
  op: 'equals' | 'in' | 'contains' | 'gte' | 'lte';
  value: string | number | string[];
  points?: number;
  /** Disqualifiers always win; `suspect` (competitor domains) means never route again. */
  disqualify?: Disqualifier;
}

export interface SiteRules {
  /** Version of these rules; every stored decision records it. */
  version: number;
  questions: Question[];
  behaviour: BehaviourRule[];
  /** Fit rules on traits and answers (company size, country, email domain...). */
  fit?: FitRule[];
  /** Behaviour points halve every this many days; absent or 0 = no decay. */
  decayHalfLifeDays?: number;
  /** Score at which a lead whose fit passes becomes an MQL. */
  mqlThreshold: number;
  /** Score at which a lead whose fit passes becomes a hot MQL without a hand-raise. */
  hotThreshold: number;
  /** Event names that count as a hand-raise besides a callback request (demo, quote...). */
  handRaiseEvents: string[];
  /**
   * The site's own forms the marketer mapped (Sites › Forms), by form key: which fields answer
   * which question, and what a qualified submission does. Only the published version's are read.
   */
  forms?: FormMappings;
}
