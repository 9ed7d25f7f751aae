// A site as its admins edit it in the console (details, widget appearance) and as the console's
// site pages read it back (snippet, install check, key rotation).
import { z } from 'zod';
import type { ServedAppearance } from '../appearance';
import { originSchema } from './routing-config.schema';

/** `PUT /v1/console/sites/:siteId`: what an admin edits about a site. */
export const siteUpdateSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the site').max(200),
  allowedOrigins: z.array(originSchema).min(1, 'Allow at least one origin').max(50),
  phoneRegion: z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code'),
  offerTimeoutMs: z.number().int().min(5_000, 'At least 5 seconds').max(600_000),
});

/** The widget's look (what the public config serves, with the colours below). */
export const appearanceSchema = z.strictObject({
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1746d1'),
  position: z.enum(['right', 'left']),
  zIndex: z.number().int().min(0).max(2147483647),
  texts: z
    .record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/), z.record(z.string().max(64), z.string().min(1, 'Leave it out to use the default').max(300)))
    .describe(
      'Per-language text overrides by language tag and text key, e.g. `{ "en": { "launcher": "Talk to us" } }`; keys as in the widget\'s texts (`launcher`, `invite`, `title`, `subtitle`, `submit`, `fineprint`, `ended` and `endedLink` for visitors the site will not call…)',
    ),
});

/**
 * `PUT /v1/console/sites/:siteId/appearance` and the console's view of it: the look, and the link
 * shown with the `ended` text to visitors the site will not call (disqualified or suspect). The
 * link reaches those visitors in their lead's status, never in the public config.
 */
export const appearanceSettingsSchema = appearanceSchema.extend({
  endingUrl: z
    .url({ protocol: /^https?$/, message: 'Use a web address starting with https://' })
    .max(2000)
    .nullable()
    .optional()
    .describe('http(s) link shown to visitors the site will not call; `null` removes it, left out keeps it'),
});

/** The appearance as the config endpoint serves it: with the colours the widget draws with. */
export const servedAppearanceSchema = appearanceSchema.extend({
  textColor: z.string().describe('Text on the accent: white or dark, whichever contrasts more (WCAG)'),
  accentOnWhite: z.string().describe('The accent where it reads on white at 4.5:1, else dark'),
});

/** A page the widget was seen on, per origin: the install check. */
export const siteInstallSchema = z.strictObject({
  origin: z.string(),
  lastUrl: z.string().nullable(),
  firstSeenAt: z.number().int(),
  lastSeenAt: z.number().int(),
});

/** `GET /v1/console/sites`: one site as its admin page shows it. */
export const consoleSiteSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  siteKey: z.string(),
  allowedOrigins: z.array(z.string()),
  phoneRegion: z.string(),
  offerTimeoutMs: z.number().int(),
  snippet: z.string().describe('The script tag to paste into the site'),
  installs: z.array(siteInstallSchema),
  appearance: appearanceSettingsSchema,
});

/** `POST /v1/console/sites/:siteId/rotate-key`: the new key; the old one works until `previousKeyValidUntil`. */
export const keyRotationSchema = z.strictObject({
  siteKey: z.string(),
  snippet: z.string(),
  previousKeyValidUntil: z.number().int(),
});

/** The widget reads the appearance through the plain types of ../appearance.ts (no zod in its bundle): they must stay the same shape. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const APPEARANCE_TYPES_MATCH: Same<z.infer<typeof servedAppearanceSchema>, ServedAppearance> = true;
