// Draws an SVG as PNGs of the given square sizes in Chromium (transparent where the SVG draws
// nothing): the icon scripts commit the PNGs, so builds need no browser.
import { launchBrowser } from '../test/helpers/browser';

export async function svgToPngs(svg: string, sizes: readonly number[]): Promise<Buffer[]> {
  const browser = await launchBrowser();
  const pngs: Buffer[] = [];
  try {
    for (const size of sizes) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(`<body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block">`);
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      pngs.push(await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return pngs;
}
