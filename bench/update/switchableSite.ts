// One HTTP server on 127.0.0.1 whose files can be swapped from one build to another between
// requests (a deploy), logging every response with the bytes it put on the wire. It serves through
// relay/http/staticSite.ts, the server `npm start` uses, so the headers and gzip are the real ones.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { staticSite, type RequestHandler, type ServedRequest } from '../../relay/http/staticSite.ts';

export interface ServedRecord extends ServedRequest {
  /** Label of the build being served when the response finished. */
  readonly build: string;
  /** performance.now() when it finished. */
  readonly at: number;
}

export interface SwitchableSite {
  readonly origin: string;
  /** Every response so far, in the order they finished. */
  readonly served: readonly ServedRecord[];
  /** Serve `dir` from the next request on. */
  switchTo(label: string, dir: string): void;
  /** Resolves once no response has finished for `quietMs` from now on (false if that took longer than `maxMs`). */
  waitForQuiet(quietMs: number, maxMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function openSwitchableSite(label: string, dir: string): Promise<SwitchableSite> {
  const served: ServedRecord[] = [];
  const site = (buildLabel: string, root: string): RequestHandler =>
    staticSite(root, { onServed: (response) => served.push({ ...response, build: buildLabel, at: performance.now() }) });
  let handler = site(label, dir);
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    served,
    switchTo(nextLabel, nextDir) {
      handler = site(nextLabel, nextDir);
    },
    async waitForQuiet(quietMs, maxMs) {
      const since = performance.now();
      const deadline = since + maxMs;
      for (;;) {
        const last = Math.max(served.at(-1)?.at ?? 0, since);
        const now = performance.now();
        if (now - last >= quietMs) return true;
        if (now >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100, quietMs)));
      }
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
