// The stores read, lock and execute; they decide nothing. So nothing under server/db may import
// a rule at run time: the stage machine (shared/lifecycle.ts), the qualification engine
// (shared/qualify/) or any pure core (*.core.ts). Types from them are fine: a store speaks the
// domain's shapes. A plan reaches a store as data, or as a function its caller passes in.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DB = join(ROOT, 'server', 'db');

/**
 * Run-time imports that are known and being removed elsewhere: `file -> imported module`, both
 * relative to the repository root. Empty it as the routing plans land; never add to it.
 */
const ALLOWED = new Set<string>([
  // empty: every rule reaches the stores as a plan or through StoreRules (server/routing/store-rules.ts)
]);

/** Whether a module (a repository-relative path, extension included) holds a rule. */
export function isRule(target: string): boolean {
  return target === 'shared/lifecycle.ts' || target.startsWith('shared/qualify/') || target.endsWith('.core.ts');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module the source loads at run time (type-only imports and exports left out). */
export function runtimeImports(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const typeOnly =
        node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) {
      const ref = node.moduleReference.expression;
      if (ts.isStringLiteral(ref)) found.push(ref.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) found.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A relative specifier as a repository path with its extension (`./x` is `x.ts`); null for packages. */
function target(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const path = relative(ROOT, resolve(dirname(from), specifier))
    .split(sep)
    .join('/');
  return /\.[cm]?[jt]sx?$/.test(path) ? path.replace(/\.[cm]?js$/, '.ts') : `${path}.ts`;
}

/** `file -> module` for every run-time import of a rule under server/db. */
function offenders(): string[] {
  return filesUnder(DB).flatMap((file) =>
    runtimeImports(file, readFileSync(file, 'utf8'))
      .map((specifier) => target(file, specifier))
      .filter((to): to is string => to !== null && isRule(to))
      .map((to) => `${relative(ROOT, file).split(sep).join('/')} -> ${to}`),
  );
}

describe('server/db imports no rules', () => {
  it('loads no stage machine, qualification or pure core at run time (types only)', () => {
    expect(offenders().filter((o) => !ALLOWED.has(o))).toEqual([]);
  });

  it('keeps no stale entry in the allow-list', () => {
    const now = new Set(offenders());
    expect([...ALLOWED].filter((o) => !now.has(o))).toEqual([]);
  });

  it('tells a type-only import from one that loads the module', () => {
    const src = [
      "import type { A } from '../../shared/lifecycle';",
      "import { type B, type C } from '../routing/x.core';",
      "export type { D } from '../routing/y.core';",
      "import { checkTransition } from '../../shared/lifecycle';",
      "import { type E, planOutcome } from '../routing/plan-outcome.core';",
      "export { qualify } from '../../shared/qualify/qualify';",
      "import '../routing/side-effect.core';",
      "const lazy = () => import('../routing/lazy.core');",
    ].join('\n');
    expect(runtimeImports(join(DB, 'sqlite', 'x.ts'), src)).toEqual([
      '../../shared/lifecycle',
      '../routing/plan-outcome.core',
      '../../shared/qualify/qualify',
      '../routing/side-effect.core',
      '../routing/lazy.core',
    ]);
    expect(['shared/lifecycle.ts', 'shared/qualify/qualify.ts', 'server/routing/a.core.ts'].every(isRule)).toBe(true);
    expect(['shared/api.ts', 'server/db/tracking-rows.ts', 'server/routing/routing.types.ts'].some(isRule)).toBe(false);
  });
});
