import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillApiMarkdown } from './api-md';
import { buildOpenApi } from './openapi';

const written = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

describe('docs/api.md', () => {
  const { markdown, missing, unknown } = fillApiMarkdown(written, buildOpenApi('docs'));

  it('shows every route of the table in a generated block, and no other', () => {
    expect(missing, 'routes without a block: add one where it belongs, then npm run docs:api').toEqual([]);
    expect(unknown, 'blocks for routes the table does not list').toEqual([]);
  });

  it('is what npm run docs:api writes from the schemas (run it after changing a schema or route)', () => {
    // Compared whole, so the message shows the first line that drifted.
    expect(written).toBe(markdown);
  });

  it('tells a client that a webhook needs its kind, signed or slack', () => {
    const block = written.slice(written.indexOf('<!-- api: POST /v1/console/webhooks -->'));
    expect(block.slice(0, block.indexOf('<!-- /api -->'))).toMatch(/\| `kind` \| `"signed"` or `"slack"` \| yes \|/);
  });
});

describe('fillApiMarkdown', () => {
  it('rewrites only the blocks, and reports blocks for unknown routes', () => {
    const doc = buildOpenApi('docs');
    const { markdown, unknown } = fillApiMarkdown(
      'Intro.\n<!-- api: GET /v1/console/me -->\nstale\n<!-- /api -->\nOutro.\n<!-- api: GET /nowhere -->\n<!-- /api -->\n',
      doc,
    );
    expect(markdown.startsWith('Intro.\n<!-- api: GET /v1/console/me -->\n#### `GET /v1/console/me`')).toBe(true);
    expect(markdown).not.toContain('stale');
    expect(markdown).toContain('<!-- /api -->\nOutro.\n');
    expect(unknown).toEqual(['GET /nowhere']);
  });
});
