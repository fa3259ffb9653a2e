// The app's handles on the player's data: one database connection, one store object per kind.

import { openPlayerData, ReplayStore, SaveStore, SettingsStore, type OpenPlayerDataOptions } from '../storage/index.ts';

export interface PlayerStores {
  saves: SaveStore;
  replays: ReplayStore;
  settings: SettingsStore;
}

export async function openPlayerStores(options: OpenPlayerDataOptions): Promise<PlayerStores> {
  const db = await openPlayerData(options);
  return { saves: new SaveStore(db), replays: new ReplayStore(db), settings: new SettingsStore(db) };
}
