import { defineConfig } from 'vite';

// The app (index.html → dist/) and, in dev, every page under the project root (the e2e pages
// import host/ and web/ sources directly). The embeddable library has its own config:
// vite.lib.config.ts → dist/lib/.
export default defineConfig({
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
  build: {
    // A .wasm must stay a file (compileStreaming, caching), never an inlined data: URL.
    assetsInlineLimit: 0,
    // three.js alone is ~570 kB minified; it lives in the worker chunk, loaded once.
    chunkSizeWarningLimit: 700,
  },
  worker: { format: 'es' },
});
