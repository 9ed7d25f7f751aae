// Figures that live in their own marked block of docs/benchmarks.md: the cluster figure
// (`npm run bench:cluster` writes it) and the browser-call figure (`npm run bench -- --only=voice`
// writes it alone). `npm run bench`, which rewrites the rest of the file, carries them over.
export type DocBlockName = 'cluster-bench' | 'voice-bench';

const markers = (name: DocBlockName) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`] as const;

/** The named block of a rendered doc (markers included), or null. */
export function docBlock(doc: string, name: DocBlockName): string | null {
  const [start, end] = markers(name);
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  return a >= 0 && b > a ? doc.slice(a, b + end.length) : null;
}

/** `doc` with `block` (markers included) in place of its old block of that name, or appended. */
export function withDocBlock(doc: string, name: DocBlockName, block: string | null): string {
  if (!block) return doc;
  const old = docBlock(doc, name);
  return old ? doc.replace(old, () => block) : `${doc.trimEnd()}\n\n${block}\n`;
}

export function wrapDocBlock(name: DocBlockName, body: string): string {
  const [start, end] = markers(name);
  return `${start}\n${body.trim()}\n${end}`;
}

export const clusterBlock = (doc: string) => docBlock(doc, 'cluster-bench');
export const withClusterBlock = (doc: string, block: string | null) => withDocBlock(doc, 'cluster-bench', block);
export const wrapClusterBlock = (body: string) => wrapDocBlock('cluster-bench', body);
