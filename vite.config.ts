import { defineConfig } from 'vite';
import { assetManifestPlugin, tesseraAssets } from './tools/vite/assetManifestPlugin.ts';
import { rootFilesPlugin } from './tools/vite/rootFilesPlugin.ts';

// The app (index.html → dist/) and, in dev, every page under the project root (the e2e pages
// import host/ and web/ sources directly). The embeddable library has its own config:
// vite.lib.config.ts → dist/lib/. The service worker is built after both (tools/buildServiceWorker.ts).
export default defineConfig({
  server: { host: '127.0.0.1', strictPort: true },
  preview: { host: '127.0.0.1', strictPort: true },
  plugins: [assetManifestPlugin(tesseraAssets), rootFilesPlugin(['manifest.webmanifest'])],
  build: {
    // A .wasm must stay a file (compileStreaming, caching), never an inlined data: URL.
    assetsInlineLimit: 0,
    // three.js alone is ~540 kB minified; it has its own chunk, loaded once and cached until it changes.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // three.js changes only when its version does: its own chunk keeps its name (and its
        // cache entry) across every update of the engine code.
        advancedChunks: { groups: [{ name: 'three', test: /node_modules[\\/]three[\\/]/ }] },
      },
    },
  },
});
