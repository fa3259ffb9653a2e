// The relay's HTTP side: a fixed table of API paths and methods; everything else is the static
// site (the built PWA) when there is one. Errors answer JSON with a message saying what to fix.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayLog } from '../log.ts';
import { HttpError, sendJson } from './json.ts';
import type { RequestHandler } from './staticSite.ts';

export type Endpoint = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
/** Path → method → endpoint. A path ending in "/" also serves every path one segment below it (/admin/rooms/ABC). */
export type RouteTable = ReadonlyMap<string, Readonly<Partial<Record<string, Endpoint>>>>;

const STATIC_METHODS = ['GET', 'HEAD'];

export function createRequestHandler(routes: RouteTable, site: RequestHandler | null, log: RelayLog): RequestHandler {
  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://relay').pathname;
    const route = routes.get(path) ?? routes.get(path.slice(0, path.lastIndexOf('/') + 1));
    if (route) {
      // HEAD is GET without a body; node's http drops the body itself.
      const endpoint = route[method] ?? (method === 'HEAD' ? route['GET'] : undefined);
      if (!endpoint) throw methodNotAllowed(method, path, Object.keys(route));
      return endpoint(req, res);
    }
    if (!site) throw new HttpError(404, `no such endpoint: ${path}`);
    if (!STATIC_METHODS.includes(method)) throw methodNotAllowed(method, path, STATIC_METHODS);
    site(req, res);
  };
  return (req, res) => {
    respond(req, res).catch((error: unknown) => {
      if (!(error instanceof HttpError)) log.error({ err: error, method: req.method, url: req.url?.split('?')[0] }, 'http request failed');
      if (res.headersSent) return void res.destroy();
      const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal relay error');
      sendJson(res, httpError.status, { error: httpError.message }, httpError.headers);
    });
  };
}

function methodNotAllowed(method: string, path: string, allowed: readonly string[]): HttpError {
  return new HttpError(405, `${method} is not allowed on ${path} (allowed: ${allowed.join(', ')})`, { Allow: allowed.join(', ') });
}
