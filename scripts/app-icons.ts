// `node --import tsx scripts/app-icons.ts`: draws the installed console's icons (the web app
// manifest's, console/public/manifest.webmanifest) from their SVG sources in console/public/icons:
// 192 and 512 px of the rounded icon ("any") and of the full-bleed one whose mark sits inside the
// maskable safe zone (the middle 80 %), which Android crops to its own shape. Run it again after
// changing an SVG; the PNGs are committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svgToPngs } from './draw-svg';

const SIZES = [192, 512] as const;
const icons = (name: string) => fileURLToPath(new URL(`../console/public/icons/${name}`, import.meta.url));

for (const source of ['icon', 'icon-maskable']) {
  const pngs = await svgToPngs(readFileSync(icons(`${source}.svg`), 'utf8'), SIZES);
  SIZES.forEach((size, i) => {
    writeFileSync(icons(`${source}-${size}.png`), pngs[i]!);
    console.log(`wrote console/public/icons/${source}-${size}.png (${pngs[i]!.length} bytes)`);
  });
}
