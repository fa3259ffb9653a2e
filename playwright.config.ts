import { defineConfig } from '@playwright/test';
import { findChromium } from './tools/findChromium.ts';

// Two servers: Vite's dev server for pages that import sources (harness, input page, iframe host)
// and the built app and library (dist/, made by `npm run build`) served as `npm start` serves them,
// which is what players and embedders get. Different ports are different origins: the iframe test
// uses that. Service workers are blocked except in the specs about the installed app, which
// allow them and start a server of their own per test (e2e/support/pwaServer.ts).
const port = Number(process.env['E2E_PORT'] ?? 4599);
const appPort = port + 1;
const executablePath = findChromium();

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    serviceWorkers: 'block',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // Without the background-networking flags Chromium keeps dialling hosts this network refuses.
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  // Screenshots are compared against e2e/__screenshots__, the same path on every platform.
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFileName}/{arg}{ext}',
  webServer: [
    {
      command: `npx vite --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}/e2e/harness/index.html`,
      reuseExistingServer: !process.env['CI'],
      timeout: 60_000,
    },
    {
      command: `npx tsx tools/start.ts`,
      env: { PORT: String(appPort) },
      url: `http://127.0.0.1:${appPort}/`,
      reuseExistingServer: !process.env['CI'],
      timeout: 60_000,
    },
  ],
});
