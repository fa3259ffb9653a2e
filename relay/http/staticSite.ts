// Serves the built PWA (dist/): precompressed .gz files where the client accepts gzip (the build
// writes them, tools/precompress.ts), Range requests, ETags, and the cache policy the service
// worker's update model relies on: content-hashed files are immutable for a year, everything
// else (index.html, sw.js, the manifests, config.json) is revalidated on every fetch.

import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { isHashedPath } from '../../sw/urlPatterns.ts';

export interface ServedRequest {
  method: string;
  /** Path and query as requested. */
  url: string;
  status: number;
  /** Body bytes sent (compressed size when gzipped; 0 for 304 and HEAD). */
  bytes: number;
}

export interface StaticSiteOptions {
  /** Called once per finished response (request logs, tests counting downloads). */
  onServed?: (served: ServedRequest) => void;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export function staticSite(root: string, options: StaticSiteOptions = {}): RequestHandler {
  const serve = sirv(root, {
    etag: true,
    gzip: true,
    setHeaders(res, pathname) {
      res.setHeader('Cache-Control', isHashedPath(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (req, res) => {
    if (options.onServed) {
      const onServed = options.onServed;
      res.once('finish', () => {
        const length = Number(res.getHeader('Content-Length') ?? 0);
        onServed({ method: req.method ?? 'GET', url: req.url ?? '/', status: res.statusCode, bytes: req.method === 'HEAD' || res.statusCode === 304 ? 0 : length });
      });
    }
    serve(req, res);
  };
}
