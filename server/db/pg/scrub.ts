// The database password taken out of a driver's message before it is printed to the operator.

/**
 * Drivers rarely echo the password, but the message is printed: make sure. Only whole tokens,
 * so a password that is also part of a name ("sixty" in "sixty_t_x") leaves it be. Plain string
 * search, not a regex built from the password (no regular expression from input anywhere).
 */
export function scrub(message: string, password: string): string {
  if (password === '') return message;
  let out = '';
  let kept = 0;
  for (let at = message.indexOf(password); at >= 0; at = message.indexOf(password, Math.max(at + 1, kept))) {
    if (isWordChar(message[at - 1]) || isWordChar(message[at + password.length])) continue;
    out += `${message.slice(kept, at)}***`;
    kept = at + password.length;
  }
  return out + message.slice(kept);
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /\w/.test(c);
}
