// Constants the build defines: Vite's import.meta.env, and tools/vite/assetManifestPlugin.ts's.
/// <reference types="vite/client" />

/** Where asset-manifest.json is, relative to the chunk that reads it (dev: the server root). */
declare const __TESSERA_ASSET_MANIFEST__: string;
