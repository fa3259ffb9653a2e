import { defineConfig } from 'vite';
import { assetManifestPlugin, tesseraAssets } from './tools/vite/assetManifestPlugin.ts';

// The embeddable runtime as a library: dist/lib/tessera.js (an ES module) with its chunks, the
// wasm and asset-manifest.json beside it in one flat folder, so a host page needs one
// <script type="module"> and no bundler. This is an app build with a JS entry rather than Vite's
// library mode, because library mode inlines the wasm as a data: URL (no streaming compile, no
// caching, a CSP hole) and skips minification.
export default defineConfig({
  publicDir: false,
  // Relative URLs: everything resolves beside tessera.js wherever a host serves it.
  base: './',
  plugins: [assetManifestPlugin(tesseraAssets)],
  build: {
    outDir: 'dist/lib',
    assetsDir: '',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // three.js alone is ~540 kB minified; it has its own chunk, loaded once and cached until it changes.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: { tessera: 'web/runtime/index.ts' },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'tessera' ? '[name].js' : '[name]-[hash].js'),
        advancedChunks: { groups: [{ name: 'three', test: /node_modules[\\/]three[\\/]/ }] },
      },
    },
  },
});
