// Vite plugin: copies files kept at the project root (manifest.webmanifest) into the build under
// their own, unhashed names. They must not go through Vite's HTML asset handling, which would
// hash the web app manifest's URL; an installed app should find its manifest where it left it.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

export function rootFilesPlugin(files: string[]): Plugin {
  let root = '.';
  return {
    name: 'tessera-root-files',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle() {
      for (const file of files) this.emitFile({ type: 'asset', fileName: file, source: readFileSync(resolve(root, file)) });
    },
  };
}
