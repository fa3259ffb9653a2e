import { defineConfig } from '@playwright/test';
import { findChromium } from './tools/findChromium.ts';

const port = Number(process.env['E2E_PORT'] ?? 4599);
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
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      // Without the background-networking flags Chromium keeps dialling hosts this network refuses.
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/e2e/harness/index.html`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
});
