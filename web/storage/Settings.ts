// Player settings and their defaults. A stored field is laid over its default when read, so a
// field added in a later version reads as its default until the player changes it.

export interface Settings {
  /** Action name → KeyboardEvent.code list (see web/input/bindings.ts); null = the defaults. */
  bindings: Record<string, string[]> | null;
  audio: { volume: number; muted: boolean };
  quality: 'auto' | 'low' | 'high';
  hud: boolean;
}

export const defaultSettings: Settings = {
  bindings: null,
  audio: { volume: 1, muted: false },
  quality: 'auto',
  hud: false,
};

/**
 * `stored` (field name → stored value) laid over the defaults. Nested objects merge one level
 * deep, so a field added inside `audio` gets its default too. Every field is named here, so
 * adding one to Settings without deciding how it merges doesn't compile.
 */
export function mergeOverDefaults(stored: ReadonlyMap<IDBValidKey, unknown>): Settings {
  const field = <K extends keyof Settings>(key: K) => stored.get(key) as Settings[K] | undefined;
  return {
    bindings: field('bindings') ?? defaultSettings.bindings,
    audio: { ...defaultSettings.audio, ...field('audio') },
    quality: field('quality') ?? defaultSettings.quality,
    hud: field('hud') ?? defaultSettings.hud,
  };
}
