// `npm run docs:api`: rewrites the generated blocks of docs/api.md (each route's auth, query,
// request body and answer) from the route table and the zod schemas. Prose outside the blocks is
// kept. Fails, changing nothing, when a route has no block or a block names no route.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fillApiMarkdown } from '../server/api-docs/api-md';
import { buildOpenApi } from '../server/api-docs/openapi';

const file = fileURLToPath(new URL('../docs/api.md', import.meta.url));
const before = readFileSync(file, 'utf8');
const { markdown, missing, unknown } = fillApiMarkdown(before, buildOpenApi('docs'));
if (missing.length || unknown.length) {
  for (const m of missing) process.stderr.write(`No block shows ${m}: add "<!-- api: ${m} --><!-- /api -->" where it belongs in docs/api.md\n`);
  for (const u of unknown) process.stderr.write(`docs/api.md has a block for ${u}, which server/api-docs/api-routes.ts does not list\n`);
  process.exit(1);
}
if (markdown === before) process.stdout.write('docs/api.md is up to date\n');
else {
  writeFileSync(file, markdown);
  process.stdout.write('docs/api.md rewritten from the schemas\n');
}
