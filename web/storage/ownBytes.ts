/**
 * `view`'s bytes in a buffer of their own. Structured clone stores a view's whole buffer, so a
 * view into a bigger one (a snapshot in WASM memory) would store all of it, and a view on a
 * SharedArrayBuffer can't be stored at all.
 */
export function ownBytes(view: Uint8Array): Uint8Array {
  const ownsBuffer = view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
  return ownsBuffer ? view : view.slice();
}
