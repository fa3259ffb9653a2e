// Vite plugin: emits the runtime's assets under content-hashed names and writes
// asset-manifest.json (logical name → hashed URL, SHA-256, bytes) beside the chunks. Files (the
// wasm, textures, audio) are emitted as assets; entries (the engine, the worker) become extra
// entry chunks that the runtime loads by URL. Nothing imports a hashed name, so a change to one
// asset renames that asset and the manifest only (see web/assets/AssetManifest.ts).
// In dev the same manifest is served from memory and points at the source files.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, posix, resolve } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import type { AssetEntry, AssetManifest, AssetName } from '../../web/assets/AssetManifest.ts';

export const ASSET_MANIFEST_FILE = 'asset-manifest.json';

export interface AssetManifestOptions {
  /** Logical name → source file, emitted as a hashed asset. */
  files: Partial<Record<AssetName, string>>;
  /** Logical name → entry module, emitted as a hashed entry chunk. */
  entries: Partial<Record<AssetName, string>>;
}

/** The runtime's assets, shared by the app and the library builds. */
export const tesseraAssets: AssetManifestOptions = {
  files: {
    'tessera.wasm': 'build/tessera.wasm',
    'textures/tiles.png': 'assets/textures/tiles.png',
    'audio/goal.wav': 'assets/audio/goal.wav',
    'audio/whistle.wav': 'assets/audio/whistle.wav',
  },
  entries: { 'engine.js': 'web/engine/GameEngine.ts', 'worker.js': 'web/engine/gameWorker.ts' },
};

const describe = (bytes: Uint8Array, url: string): AssetEntry => ({
  url,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  bytes: bytes.byteLength,
});
const entryName = (logical: string): string => logical.replace(/\.js$/, '');

export function assetManifestPlugin(options: AssetManifestOptions): Plugin {
  let config: ResolvedConfig;
  const refs = new Map<string, string>();
  return {
    name: 'tessera-asset-manifest',
    config(user, env) {
      const input = user.build?.rolldownOptions?.input ?? { index: resolve(user.root ?? '.', 'index.html') };
      if (typeof input !== 'object' || Array.isArray(input)) throw new Error('assetManifestPlugin needs build.rolldownOptions.input as an object (or unset)');
      const entries = Object.fromEntries(Object.entries(options.entries).map(([name, file]) => [entryName(name), resolve(user.root ?? '.', file)]));
      return {
        // Build: the manifest sits beside every chunk, so each resolves it with import.meta.url.
        define: { __TESSERA_ASSET_MANIFEST__: JSON.stringify(env.command === 'build' ? `./${ASSET_MANIFEST_FILE}` : `/${ASSET_MANIFEST_FILE}`) },
        // Entry chunks keep their exports: the page imports the engine module by URL.
        build: { rolldownOptions: { input: { ...input, ...entries }, preserveEntrySignatures: 'exports-only' } },
      };
    },
    configResolved(resolved) {
      config = resolved;
    },
    buildStart() {
      if (config.command !== 'build') return;
      for (const [name, file] of Object.entries(options.files)) {
        refs.set(name, this.emitFile({ type: 'asset', name: basename(name), source: readFileSync(resolve(config.root, file)) }));
      }
    },
    async writeBundle(output, bundle) {
      const outDir = output.dir ?? config.build.outDir;
      const manifestDir = config.build.assetsDir || '.';
      const fileNames = new Map<string, string>();
      for (const [name, ref] of refs) fileNames.set(name, this.getFileName(ref));
      for (const name of Object.keys(options.entries)) {
        const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === entryName(name));
        if (!chunk) throw new Error(`no entry chunk for ${name}`);
        fileNames.set(name, chunk.fileName);
      }
      const assets: Record<string, AssetEntry> = {};
      for (const [name, fileName] of fileNames) {
        // Read what was written: later plugins may have rewritten a chunk after it was rendered.
        const bytes = await readFile(join(outDir, fileName));
        assets[name] = describe(bytes, posix.relative(manifestDir, fileName));
      }
      await mkdir(join(outDir, manifestDir), { recursive: true });
      const manifest: AssetManifest = { version: 1, assets };
      await writeFile(join(outDir, manifestDir, ASSET_MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
    },
    configureServer(server) {
      server.middlewares.use(`/${ASSET_MANIFEST_FILE}`, (_req, res) => {
        const assets: Record<string, AssetEntry> = {};
        for (const [name, file] of [...Object.entries(options.files), ...Object.entries(options.entries)]) {
          assets[name] = describe(readFileSync(resolve(config.root, file)), `/${file}`);
        }
        res.setHeader('Content-Type', 'application/json');
        res.setHeader('Cache-Control', 'no-cache');
        res.end(JSON.stringify({ version: 1, assets } satisfies AssetManifest));
      });
    },
  };
}
