/**
 * The part of a WebSocket the relay client uses, met by the browser's WebSocket and by the `ws`
 * package's: the client takes the constructor, so it imports neither.
 */
export interface RelaySocket {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { readonly code: number; readonly reason: string }) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
}

export type RelaySocketConstructor = new (url: string) => RelaySocket;
