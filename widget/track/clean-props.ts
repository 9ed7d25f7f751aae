// Event properties from the host page's code, cut to what the schema accepts, so one odd value
// never gets a whole batch refused: at most 30 flat keys of up to 64 characters; strings (cut to
// 500), finite numbers, booleans and null.

export type Props = Record<string, string | number | boolean | null>;

/** The acceptable part of `input`, or undefined when nothing is left. */
export function cleanProps(input: unknown): Props | undefined {
  const props: Props = {};
  let count = 0;
  // A string would iterate as its characters.
  for (const key in typeof input === 'object' ? (input as Props) : {}) {
    const value = (input as Props)[key];
    const kind = typeof value;
    if (
      count < 30 &&
      key &&
      key.length < 65 &&
      (kind === 'string' || kind === 'boolean' || value === null || (kind === 'number' && isFinite(value as number)))
    ) {
      props[key] = kind === 'string' ? (value as string).slice(0, 500) : value;
      count++;
    }
  }
  return count ? props : undefined;
}
