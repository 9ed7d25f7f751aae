// A rep's calendar app password at rest: AES-256-GCM under the install's key
// (`SIXTY_CALENDAR_KEY`), bound to its rep, so a copied database holds no usable password and a
// sealed value moved to another rep's row does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const CALENDAR_KEY_ENV = 'SIXTY_CALENDAR_KEY';

/** GCM's recommended nonce size; a fresh random one per seal. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The format's version, so a later change of scheme can read older rows. */
const PREFIX = 'v1:';

/** The 32-byte key from its hex (64 characters) or base64 text; anything else throws, naming the variable. */
export function calendarKeyFrom(raw: string | undefined): Buffer | null {
  const text = raw?.trim();
  if (!text) return null;
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32 || (!/^[0-9a-f]{64}$/i.test(text) && key.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, '')))
    throw new Error(`${CALENDAR_KEY_ENV} must be 32 random bytes as 64 hex characters or base64 (e.g. \`openssl rand -base64 32\`)`);
  return key;
}

/** Seals `secret` for `owner` (the rep's id, authenticated with it). */
export function seal(key: Buffer, secret: string, owner: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(owner));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

/** Opens what `seal` made for `owner`; throws when the key, the owner or the bytes differ. */
export function unseal(key: Buffer, sealed: string, owner: string): string {
  if (!sealed.startsWith(PREFIX)) throw new Error('unknown sealed credential format');
  const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(owner));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
