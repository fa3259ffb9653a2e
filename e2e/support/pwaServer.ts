// A server of a built app for the installed-app specs: the production static handler on
// 127.0.0.1 (a free port), a log of every response it sends, and a switch to serve another build
// from the same origin (an update ships).

import { createServer, type Server } from 'node:http';
import type { Page } from '@playwright/test';
import { staticSite, type RequestHandler, type ServedRequest } from '../../relay/http/staticSite.ts';

export interface PwaServer {
  readonly origin: string;
  /** Responses since the start or the last clearLog(). */
  readonly log: ServedRequest[];
  clearLog(): void;
  /** From now on serve `dir` (a dist/ folder). */
  serve(dir: string): void;
  close(): Promise<void>;
}

export async function startPwaServer(dir: string): Promise<PwaServer> {
  const log: ServedRequest[] = [];
  const site = (root: string): RequestHandler => staticSite(root, { onServed: (served) => log.push(served) });
  let handler = site(dir);
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    clearLog: () => void log.splice(0),
    serve: (root) => (handler = site(root)),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Paths of the logged responses, without query strings, sorted. */
export function servedPaths(log: readonly ServedRequest[]): string[] {
  return log.map((r) => r.url.split('?')[0]!).sort();
}

/** Open the app and wait until the game is ready and the service worker controls the page. */
export async function openInstalledApp(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/`);
  await waitForGame(page);
  // The worker claims the page once it activates (sw/sw.ts); bounded wait.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

export async function waitForGame(page: Page): Promise<void> {
  await page.waitForFunction(() => window.tesseraGame !== undefined);
  await page.evaluate(() => window.tesseraGame!.ready);
}
