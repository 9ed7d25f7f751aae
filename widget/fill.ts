// Fills `{name}` placeholders in a visitor-facing text. Texts are plain strings (they can come
// from the site config as JSON), so the wording around a value can change with the language.

/** `fill('Hi {rep}', { rep: 'Dana' })` -> 'Hi Dana'. An unknown placeholder is left as it is. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/**
 * The same, keeping the parts apart so a caller can render a value as markup (a name in bold,
 * a number isolated from the text direction): odd indexes are placeholder names.
 */
export function splitText(text: string): string[] {
  return text.split(/\{(\w+)\}/);
}
