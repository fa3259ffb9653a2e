// What both Tessera adapters (bots/tesseraAdapter.ts, bots/simAdapter.ts) need while opening a room.

/** ws://host:port[/ws] → the WebSocket endpoint and the HTTP base for /token on the same host. */
export function relayEndpoints(relayUrl: string): { readonly ws: string; readonly http: string } {
  const ws = new URL(relayUrl);
  if (ws.pathname === '/') ws.pathname = '/ws';
  const http = new URL('/', ws);
  http.protocol = ws.protocol === 'wss:' ? 'https:' : 'http:';
  return { ws: ws.href, http: http.href };
}

/** Rejects as soon as signal aborts, whatever promise is still doing. */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const aborted = (): void => reject(signal.reason);
    if (signal.aborted) return aborted();
    signal.addEventListener('abort', aborted, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', aborted));
  });
}
