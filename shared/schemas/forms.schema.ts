// Every message about the site's own forms, validated at the edge (types in ../forms.ts).
import { z } from 'zod';
import { formMappingSchema } from './form-mapping.schema';
import { siteRulesSchema } from './site-rules.schema';
import { reasonSchema, stageSchema } from './lead-card.schema';

export { fieldTargetSchema, formMappingSchema } from './form-mapping.schema';

/** Most fields one form may report; a longer form keeps its first ones. */
export const MAX_FORM_FIELDS = 60;
/** Most options one field may report. */
export const MAX_FIELD_OPTIONS = 100;

const text = (max: number) => z.string().max(max);
const optionSchema = z.strictObject({ value: text(200), label: text(200) });

export const formFieldShapeSchema = z.strictObject({
  name: z.string().min(1).max(200),
  label: text(300),
  type: z.string().min(1).max(30),
  autocomplete: text(100).optional(),
  options: z.array(optionSchema).max(MAX_FIELD_OPTIONS).optional(),
});

export const formShapeSchema = z.strictObject({
  key: z.string().min(1).max(200),
  name: text(200),
  page: z.string().min(1).max(2000),
  fields: z.array(formFieldShapeSchema).max(MAX_FORM_FIELDS),
});

/** `POST /v1/forms/seen`: the widget saw the host page's own form submitted (its shape, no values). */
export const formSeenRequestSchema = z.strictObject({
  siteKey: z.string().min(1).max(100),
  form: formShapeSchema,
});

/**
 * `POST /v1/forms/submissions`: a submission of a mapped form. `fields` holds only the fields the
 * mapping reads (the site config names them), as typed; the server maps them and stores the
 * answers, never the raw values.
 */
export const formSubmissionSchema = z.strictObject({
  siteKey: z.string().min(1).max(100),
  formKey: z.string().min(1).max(200),
  visitorId: z.string().min(8).max(64).optional(),
  pageUrl: z.string().max(2000).optional(),
  fields: z.record(z.string().min(1).max(200), z.string().max(2000)).refine((f) => Object.keys(f).length <= 60, 'At most 60 fields'),
  /** Time from the page showing the form to its submission, in ms (bot check). */
  tts: z.number().int().nonnegative().optional(),
  /** IANA time zone of the visitor's browser, for booked slots. */
  timeZone: z.string().max(64).optional(),
  /**
   * The number the visitor typed into Sixty's panel when the form gave none (or an invalid one):
   * the rest of the submission is resent as it was, so the lead keeps the form's answers.
   */
  phone: z.string().max(40).optional(),
  /**
   * The marketer's "Test this form" token (from the page's `#sixty-test=` marker): the server
   * verifies it and only shows what it would do in the console; nothing is stored or routed.
   */
  test: z.string().max(300).optional(),
});

/** A form seen on the site, as the console lists it. */
export const seenFormSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  page: z.string(),
  fields: z.array(formFieldShapeSchema),
  submissions: z.number().int(),
  /** Of the leads its mapped submissions made or joined. */
  numbers: z.strictObject({
    submissions: z.number().int().describe('Mapped submissions that made or joined a lead (a repeat counts again)'),
    leads: z.number().int(),
    mql: z.number().int(),
    hot: z.number().int(),
    routed: z.number().int(),
    accepted: z.number().int(),
    medianAcceptMs: z.number().int().nullable().describe("Median time from the submission to a rep's accept"),
  }),
  firstSeenAt: z.number().int(),
  lastSeenAt: z.number().int(),
  /** The mapping of the live (published) rules: what submissions are read with; null while none is. */
  mapping: formMappingSchema.nullable(),
  /** The mapping in the unpublished draft of the rules, when it differs from the live one (null: unmapped in the draft). */
  draft: z
    .strictObject({ version: z.number().int(), mapping: formMappingSchema.nullable() })
    .nullable()
    .describe('Publish that rules version (Questions and scoring, or Review and publish here) to read submissions with it'),
  /** What Sixty suggests for each field (from labels, names, autocomplete tokens and options). */
  suggested: formMappingSchema,
});
export type SeenForm = z.infer<typeof seenFormSchema>;

/** `GET /v1/console/sites/:siteId/forms`: the must-have questions a mapping answers (the pending draft's, else the live ones) and the forms seen. */
export const siteFormsSchema = z.strictObject({
  questions: siteRulesSchema.shape.questions,
  /** The live rules version, and the unpublished draft a mapping saved now goes into (null: a new draft is made from the live version). */
  liveVersion: z.number().int(),
  draftVersion: z.number().int().nullable(),
  forms: z.array(seenFormSchema),
});

/** `POST /v1/forms/seen`'s answer: false when nothing was kept (privacy signal, bot). */
export const formSeenResponseSchema = z.strictObject({ recorded: z.boolean() });

/**
 * What Sixty would do with the marketer's test submission ("Test this form"): mapped, qualified
 * and decided by the same functions as a visitor's, but never stored, routed, counted or sent.
 */
export const formTestResultSchema = z.strictObject({
  at: z.number().int().describe('When the test submission arrived'),
  pageUrl: z.string().nullable(),
  contact: z.strictObject({
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable().describe('E.164; null when the form gave no valid number'),
    company: z.string(),
  }),
  answers: z.array(z.strictObject({ question: z.string(), answer: z.string() })).describe('The must-have answers the mapping read'),
  qualification: z.strictObject({
    stage: stageSchema,
    fit: z.enum(['passes', 'fails', 'unknown']),
    fitReason: z.string().nullable(),
    missing: z.array(z.string()).describe('Must-have questions left unanswered'),
    score: z.number(),
    mql: z.boolean(),
    hot: z.boolean(),
    reasons: z.array(reasonSchema),
  }),
  routing: z.strictObject({
    kind: z.enum(['offer', 'queue', 'not_routed']).describe('Offered to reps now, waiting in the queue, or not routed at all'),
    text: z.string().describe('What routing would do, in words'),
    reps: z.array(z.string()).describe('The reps it would be offered to'),
    team: z.string().nullable(),
    rule: z.string().nullable().describe('The routing rule that matched'),
    skipped: z.string().nullable().describe('Reps passed over, and why'),
  }),
});
export type FormTestResult = z.infer<typeof formTestResultSchema>;

/** `POST …/forms/:formKey/tests` and `GET …/tests/:testId`: a test of a form, with its latest submission's result. */
export const formTestSchema = z.strictObject({
  testId: z.string(),
  url: z.string().describe("The form's page with the test marker: open it and submit the form"),
  expiresAt: z.number().int(),
  result: formTestResultSchema.nullable().describe('Null until a test submission arrives'),
});
export type FormTest = z.infer<typeof formTestSchema>;

/** Numbers' per-form figures: each form's mapped submissions in the range and the leads they made or joined. */
export const formFiguresSchema = z.strictObject({
  siteId: z.string(),
  siteName: z.string(),
  key: z.string(),
  name: z.string(),
  numbers: seenFormSchema.shape.numbers,
});
export type FormFigures = z.infer<typeof formFiguresSchema>;
