// The asset manifest: logical asset name → content-hashed URL, SHA-256 and size. The build writes
// it beside the chunks (tools/vite/assetManifestPlugin.ts); the runtime looks every asset up in it
// instead of importing hashed URLs, so changing one asset renames that asset alone: no chunk
// embeds its name, so no chunk is renamed in cascade and an update downloads only what changed.

/** Every asset the runtime asks for by name. */
export type AssetName = 'tessera.wasm' | 'textures/tiles.png' | 'audio/goal.wav' | 'audio/whistle.wav' | 'engine.js' | 'worker.js';

export interface AssetEntry {
  /** Relative to the manifest's own URL. */
  url: string;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  bytes: number;
}

export interface AssetManifest {
  version: 1;
  assets: Record<string, AssetEntry>;
}

/** A loaded manifest that turns logical names into absolute URLs. */
export class AssetResolver {
  constructor(
    readonly manifest: AssetManifest,
    private readonly base: string,
  ) {}

  url(name: AssetName): string {
    const entry = this.manifest.assets[name];
    if (!entry) throw new Error(`asset manifest ${this.base} has no entry for "${name}": the build and the runtime disagree`);
    return new URL(entry.url, this.base).href;
  }
}

export async function loadAssetManifest(url: string): Promise<AssetResolver> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load the asset manifest ${url}: HTTP ${response.status}`);
  const manifest = (await response.json()) as AssetManifest;
  if (manifest.version !== 1 || typeof manifest.assets !== 'object') throw new Error(`${url} is not a Tessera asset manifest (version ${String(manifest.version)})`);
  return new AssetResolver(manifest, response.url || url);
}
