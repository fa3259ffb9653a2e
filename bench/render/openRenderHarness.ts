// The render suite's browser side: Vite's dev server over the project root (so the bench pages and
// their workers compile from .ts on the fly) and headless Chromium driven by Playwright.

import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { createServer, type ViteDevServer } from 'vite';
import { findChromium } from '../../tools/findChromium.ts';
import { BenchError } from '../BenchError.ts';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The e2e suite's flags: no sandbox, no GPU (SwiftShader), and none of Chromium's background calls. */
export const chromiumArgs: readonly string[] = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface RenderHarness {
  readonly browser: Browser;
  /** Origin of the dev server, e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  close(): Promise<void>;
}

async function startServer(): Promise<ViteDevServer> {
  const server = await createServer({
    // Not vite.config.ts: this server only serves bench/render/, whatever the app's config does.
    configFile: false,
    root: projectRoot,
    logLevel: 'error',
    clearScreen: false,
    cacheDir: 'node_modules/.vite/bench-render',
    // No HMR and no watcher: edits elsewhere in the tree must not reload a page mid-measurement.
    server: {
      host: '127.0.0.1',
      port: 0,
      hmr: false,
      watch: null,
      // Cross-origin isolation: performance.now() ticks in 5 µs instead of 100 µs steps.
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    },
    optimizeDeps: { entries: ['bench/render/*.html'], include: ['three'] },
  });
  try {
    await server.listen();
    return server;
  } catch (err) {
    await server.close();
    throw err;
  }
}

export async function openRenderHarness(): Promise<RenderHarness> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    throw new BenchError('no-chromium', 'no Chromium found: set CHROMIUM_PATH or run "npx tsx tools/findChromium.ts"');
  }
  const server = await startServer();
  try {
    const address = server.httpServer?.address();
    if (address === null || address === undefined || typeof address === 'string') throw new Error('the dev server has no TCP address');
    const browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
    return {
      browser,
      origin: `http://127.0.0.1:${address.port}`,
      async close() {
        try {
          await browser.close();
        } finally {
          await server.close();
        }
      },
    };
  } catch (err) {
    await server.close();
    throw err;
  }
}
