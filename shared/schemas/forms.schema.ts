// Every message about the site's own forms, validated at the edge (types in ../forms.ts).
import { z } from 'zod';
import { formMappingSchema } from './form-mapping.schema';
import { siteRulesSchema } from './site-rules.schema';

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
