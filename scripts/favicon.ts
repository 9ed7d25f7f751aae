// `node --import tsx scripts/favicon.ts`: draws console/public/favicon.svg at 16, 32 and 48 px in
// Chromium and packs the PNGs into console/public/favicon.ico (PNG-in-ICO, read by every browser
// since 2010). Run it again after changing the SVG; the .ico is committed, so builds need no browser.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svgToPngs } from './draw-svg';

const svgPath = fileURLToPath(new URL('../console/public/favicon.svg', import.meta.url));
const icoPath = fileURLToPath(new URL('../console/public/favicon.ico', import.meta.url));
const SIZES = [16, 32, 48];

const pngs = await svgToPngs(readFileSync(svgPath, 'utf8'), SIZES);

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNG data.
const header = Buffer.alloc(6 + 16 * SIZES.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(SIZES.length, 4);
let offset = header.length;
SIZES.forEach((size, i) => {
  const at = 6 + 16 * i;
  header.writeUInt8(size, at);
  header.writeUInt8(size, at + 1);
  header.writeUInt16LE(1, at + 4);
  header.writeUInt16LE(32, at + 6);
  header.writeUInt32LE(pngs[i]!.length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += pngs[i]!.length;
});
writeFileSync(icoPath, Buffer.concat([header, ...pngs]));
console.log(`wrote ${icoPath} (${offset} bytes)`);
