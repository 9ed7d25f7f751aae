// The cluster figure lives in its own block of docs/benchmarks.md: `npm run bench:cluster` writes
// it, and `npm run bench` (which rewrites the rest of the file) carries it over unchanged.
const START = '<!-- cluster-bench:start -->';
const END = '<!-- cluster-bench:end -->';

/** The cluster block of a rendered doc, or null. */
export function clusterBlock(doc: string): string | null {
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  return a >= 0 && b > a ? doc.slice(a, b + END.length) : null;
}

/** `doc` with `block` (markers included) in place of its old block, or appended. */
export function withClusterBlock(doc: string, block: string | null): string {
  if (!block) return doc;
  const old = clusterBlock(doc);
  return old ? doc.replace(old, block) : `${doc.trimEnd()}\n\n${block}\n`;
}

export function wrapClusterBlock(body: string): string {
  return `${START}\n${body.trim()}\n${END}`;
}
