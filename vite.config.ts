import { defineConfig } from 'vite';

// The browser app (web/) arrives with the browser-runtime issue. Until then Vite serves the e2e
// harness pages, which import the same host/ modules that Node runs.
export default defineConfig({
  server: { host: '127.0.0.1', strictPort: true },
  build: {
    // A .wasm must stay a file (compileStreaming, caching), never an inlined data: URL.
    assetsInlineLimit: 0,
  },
});
