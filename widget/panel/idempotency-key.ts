// The idempotency key of one callback request: 128 random bits as 32 hex digits (the server
// takes 8 to 128 of [A-Za-z0-9_.:-]). crypto.randomUUID only exists in secure contexts, and the
// widget also runs on plain-http pages; getRandomValues works everywhere.
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b + 256).toString(16).slice(1)).join('');
}
