// Call outcomes a rep can log. Plain constants (no zod) so the console can import them
// without bundling the schema library; the zod schema in schemas/console.schema.ts uses them.

export const OUTCOMES = ['connected', 'no_answer', 'voicemail', 'wrong_number', 'sql', 'opportunity', 'nurture', 'disqualified', 'suspect'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Outcomes that move the lead to a stage which must carry a reason (DOMAIN.md). */
export const OUTCOMES_NEEDING_REASON: readonly Outcome[] = ['nurture', 'disqualified', 'suspect'];

/** Attempts without contact: each schedules the next follow-up per the site's cadence. */
export const NO_CONTACT_OUTCOMES: readonly Outcome[] = ['no_answer', 'voicemail'];
