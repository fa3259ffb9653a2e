/** Where the bench pages find the wasm: build/ under the project root (the dev server serves it). */
export const wasmUrl = (): string => new URL('../../build/tessera.wasm', import.meta.url).href;
