// `npx tsx tools/renderIcons.ts`: renders the PNG app icons in public/icons/ from the brand mark
// public/icon.svg, in the same Chromium the browser tests drive. Run it again when the mark changes
// and commit the PNGs (manifest.webmanifest and index.html point at them).

import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import playwrightConfig from '../playwright.config.ts';

/** The mark's own tile colour: under a full-bleed icon the tile then reaches every edge. */
const tileColour = '#0f1a2b';

interface IconSpec {
  file: string;
  size: number;
  /** Full-bleed background; none keeps the mark's transparent rounded corners. */
  background?: string;
  /** Fraction of the icon the mark spans, centred. */
  markScale: number;
}

const icons: IconSpec[] = [
  { file: 'icon-192.png', size: 192, markScale: 1 },
  { file: 'icon-512.png', size: 512, markScale: 1 },
  // Launchers crop maskable icons to shapes as small as a circle of 80% diameter: the orbs stay
  // inside it, only the mark's outer frame may be cut.
  { file: 'maskable-512.png', size: 512, background: tileColour, markScale: 0.8 },
  // iOS draws transparent pixels black and rounds the corners itself.
  { file: 'apple-touch-icon.png', size: 180, background: tileColour, markScale: 1 },
];

const publicDir = new URL('../public/', import.meta.url);
const outDir = new URL('icons/', publicDir);
const markUrl = `data:image/svg+xml;base64,${readFileSync(new URL('icon.svg', publicDir)).toString('base64')}`;

async function render(page: Page, icon: IconSpec): Promise<Buffer> {
  const markSize = Math.round(icon.size * icon.markScale);
  const inset = (icon.size - markSize) / 2;
  await page.setViewportSize({ width: icon.size, height: icon.size });
  await page.setContent(`<!doctype html>
    <style>
      html, body { margin: 0; width: 100%; height: 100%; background: ${icon.background ?? 'transparent'}; }
      img { position: absolute; left: ${inset}px; top: ${inset}px; width: ${markSize}px; height: ${markSize}px; }
    </style>
    <img src="${markUrl}" alt="">`);
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  return page.screenshot({ omitBackground: icon.background === undefined });
}

/**
 * Chromium compresses screenshots for speed. Flat colour with no row filter at maximum deflate,
 * RGB where opaque, comes out about a fifth smaller (measured on these icons).
 */
function recompress(screenshot: Buffer, opaque: boolean): Buffer {
  const png = PNG.sync.read(screenshot);
  return PNG.sync.write(png, { colorType: opaque ? 2 : 6, filterType: 0, deflateLevel: 9, deflateStrategy: 0 });
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const icon of icons) {
    const bytes = recompress(await render(page, icon), icon.background !== undefined);
    writeFileSync(new URL(icon.file, outDir), bytes);
    console.log(`public/icons/${icon.file}  ${icon.size}×${icon.size}  ${bytes.length} bytes`);
  }
} finally {
  await browser.close();
}
