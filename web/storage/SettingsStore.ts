// The player's settings, read merged over the defaults.

import { commitWrite } from './commitWrite.ts';
import type { PlayerDataDb } from './openPlayerData.ts';
import { mergeOverDefaults, type Settings } from './Settings.ts';

export class SettingsStore {
  constructor(private readonly db: PlayerDataDb) {}

  /** The stored settings over the defaults: fields never stored read as their defaults. */
  async get(): Promise<Settings> {
    const tx = this.db.transaction('settings');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return mergeOverDefaults(new Map(keys.map((key, i) => [key, values[i]])));
  }

  /**
   * Stores the given fields whole (pass all of `audio` to change one of its fields); the others
   * keep their stored values. Throws StorageFullError when storage is full.
   */
  async update(changes: Partial<Settings>): Promise<void> {
    const fields = Object.entries(changes).filter(([, value]) => value !== undefined) as [keyof Settings, Settings[keyof Settings]][];
    const tx = this.db.transaction('settings', 'readwrite');
    await commitWrite(tx, 'the settings', fields.map(([key, value]) => tx.store.put(value, key)));
  }
}
