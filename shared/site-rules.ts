// The site's qualification rules as plain typed objects. The widget bundles the qualification
// engine, so nothing here may import zod; the server validates these shapes with the zod
// schemas in ./schemas/site-rules.schema.ts before they reach the engine.

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

/** A behaviour rule: an event that earns points. The scoring issue extends this shape. */
export interface BehaviourRule {
  id: string;
  label: string;
  /** Event type (`page_view`, `click`, `download`, `form_submit`, `custom`...). */
  type: string;
  /** Custom event name, for `custom` and `click` events. */
  name?: string;
  /** Substring the event's URL must contain. */
  urlContains?: string;
  points: number;
}

export interface SiteRules {
  /** Version of these rules; every stored decision records it. */
  version: number;
  questions: Question[];
  behaviour: BehaviourRule[];
  /** Score at which a lead whose fit passes becomes an MQL. */
  mqlThreshold: number;
  /** Score at which a lead whose fit passes becomes a hot MQL without a hand-raise. */
  hotThreshold: number;
  /** Event names that count as a hand-raise besides a callback request (demo, quote...). */
  handRaiseEvents: string[];
}

/** Public, visitor-facing part of a site's configuration served to the widget. */
export interface PublicSiteConfig {
  siteName: string;
  launcherText: string;
  /** Default region for phone numbers typed without a country code (ISO 3166 alpha-2). */
  phoneRegion: string;
  questions: Question[];
  /** Seconds the visitor is promised (the countdown starts here). */
  promiseSeconds: number;
}
