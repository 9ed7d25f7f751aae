import { Hono } from 'hono';
import type { AppDeps } from '../app';

/**
 * The snippet exactly as the README shows it, with this server's origin and a site key: the
 * per-site loader, which carries the site's config (server/sites/site-loader.routes.ts). The
 * generic `<script src=".../sixty.js" data-site="KEY">` of earlier installs keeps working.
 */
export function snippet(origin: string, siteKey: string): string {
  return `<script async src="${origin}/s/${siteKey}.js"></script>`;
}

/** `/demo`: a plain host page that embeds the snippet, for trying Sixty out. */
export function demoRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/', async (c) => {
    const siteKey = deps.demoSiteKey();
    if (!siteKey) return c.text('No demo site: start with SIXTY_DEMO=1 on an empty database to create one.', 404);
    const origin = new URL(c.req.url).origin;
    c.header('Content-Type', 'text/html; charset=utf-8');
    return c.body(page(snippet(origin, siteKey)));
  });
  return app;
}

function page(embed: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Acme Commercial Kitchens - demo site for Sixty</title>
<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
  body { font: 17px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2433; background: #f7f8fa; }
  header { background: #0f2a4a; color: #fff; padding: 18px 24px; display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
  header strong { font-size: 20px; margin-right: auto; }
  header a { color: #cfe0ff; text-decoration: none; }
  main { max-width: 860px; margin: 0 auto; padding: 40px 24px 120px; }
  h1 { font-size: 34px; line-height: 1.2; margin: 0 0 12px; }
  .plans { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 16px; margin-top: 28px; }
  .plan { background: #fff; border: 1px solid #dde3ea; border-radius: 10px; padding: 20px; }
  .plan b { font-size: 24px; display: block; margin: 6px 0; }
  footer { color: #5b6576; font-size: 14px; margin-top: 48px; }
</style>
</head>
<body>
<header><strong>Acme Commercial Kitchens</strong><a href="#">Products</a><a href="#pricing">Pricing</a><a href="#">Resources</a></header>
<main>
  <h1>Commercial kitchen equipment, installed in a week</h1>
  <p>This is a demo host page. The Sixty widget below was embedded with one script tag, exactly as the README shows. Open it, ask for a callback, and watch it reach a rep signed in at <a href="/console/">/console</a>.</p>
  <section id="pricing" class="plans">
    <div class="plan">Starter<b>$1,900</b>Two-station line, install included.</div>
    <div class="plan">Restaurant<b>$7,400</b>Full line, hood and walk-in cooler.</div>
    <div class="plan">Group<b>Custom</b>Multi-site roll-outs with a project lead.</div>
  </section>
  <footer>Demo content. Sixty is open source and self-hosted.</footer>
</main>
${embed}
</body>
</html>
`;
}
