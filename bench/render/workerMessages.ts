// Request/reply over a Worker, one request at a time: each reply is the next message, and a
// worker-side failure arrives as { type: 'error' } and rejects. `receivedAt` is stamped in the
// message handler itself (performance.timeOrigin + now, comparable across threads), so the
// promise's microtask hop is not counted as transfer time.

export interface ErrorReply {
  readonly type: 'error';
  readonly message: string;
}

export interface Received<T> {
  readonly data: T;
  readonly receivedAt: number;
}

/** Wall clock comparable between a page and its workers (their performance.now() origins differ). */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();

export function request<T extends { type: string }>(
  worker: Worker,
  message: unknown,
  transfer: Transferable[] = [],
): Promise<Received<T>> {
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<T | ErrorReply>): void => {
      const receivedAt = wallClockMs();
      cleanup();
      const data = event.data;
      if (data.type === 'error') reject(new Error((data as ErrorReply).message));
      else resolve({ data: data as T, receivedAt });
    };
    const onError = (event: ErrorEvent): void => {
      cleanup();
      reject(new Error(`worker error: ${event.message}`));
    };
    const cleanup = (): void => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.postMessage(message, transfer);
  });
}

/** A worker's reply to a failed request. */
export function errorReply(err: unknown): ErrorReply {
  return { type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}
