import { defineConfig } from 'vite';

// The embeddable runtime as a library: dist/lib/tessera.js (an ES module) with its worker chunk and
// the wasm beside it, so a host page needs one <script type="module"> and no bundler. This is an
// app build with a JS entry rather than Vite's library mode, because library mode inlines the wasm
// as a data: URL (no streaming compile, no caching, a CSP hole) and skips minification.
export default defineConfig({
  publicDir: false,
  // Relative URLs: the worker chunk and the wasm resolve beside tessera.js wherever a host serves it.
  base: './',
  build: {
    outDir: 'dist/lib',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: { tessera: 'web/runtime/index.ts' },
      preserveEntrySignatures: 'exports-only',
      output: { entryFileNames: '[name].js', format: 'es' },
    },
  },
  worker: { format: 'es' },
});
