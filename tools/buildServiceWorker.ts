// Builds dist/sw.js: bundles sw/sw.ts with Vite, then lets Workbox (workbox-build's
// injectManifest) list the shell with a revision per file and inject it. Run after the app build.
// workbox-build is used directly rather than through vite-plugin-pwa: the precache list needs our
// own transform (sizes, for "update ready: N files, X KB"), and the app and library builds stay
// plain Vite builds that this step reads.

import { injectManifest } from 'workbox-build';
import { build } from 'vite';
import { isHashedPath } from '../sw/urlPatterns.ts';

export async function buildServiceWorker(outDir = 'dist'): Promise<{ count: number; size: number }> {
  await build({
    configFile: false,
    logLevel: 'warn',
    // Workbox strips its debug logging when NODE_ENV is production.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir,
      emptyOutDir: false,
      copyPublicDir: false,
      rolldownOptions: { input: 'sw/sw.ts', output: { format: 'iife', entryFileNames: 'sw.js' } },
    },
  });
  const { count, size, warnings } = await injectManifest({
    swSrc: `${outDir}/sw.js`,
    swDest: `${outDir}/sw.js`,
    globDirectory: outDir,
    // The shell: what a cold start offline needs. Not the library or its example (embedders
    // serve those), not the install icons (the browser keeps its own copies), not config.json
    // (its own tier).
    globPatterns: ['index.html', 'manifest.webmanifest', 'icon.svg', 'assets/**/*'],
    maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    manifestTransforms: [
      // Hashed names are their own revision (Workbox then fetches them without a cache-busting
      // parameter); every entry carries its size.
      async (entries) => ({
        manifest: entries.map((e) => ({ ...e, revision: isHashedPath(e.url) ? null : e.revision, bytes: e.size })),
      }),
    ],
  });
  for (const w of warnings) console.warn(`workbox: ${w}`);
  return { count, size };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { count, size } = await buildServiceWorker(process.argv[2]);
  console.log(`dist/sw.js precaches ${count} files, ${(size / 1024).toFixed(1)} KB`);
}
