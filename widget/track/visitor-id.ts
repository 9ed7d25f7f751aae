// A fresh anonymous visitor id: 16 random base-32 characters (80 bits), within what the events
// schema accepts. getRandomValues works on plain-http pages too, unlike randomUUID.

export function newVisitorId(): string {
  let id = '';
  // 32 divides 256, so masking keeps every character equally likely.
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) id += (byte & 31).toString(32);
  return id;
}
