// The player's data (saves, replays, settings) in IndexedDB through idb. Open once per page:
//   const db = await openPlayerData({ onClosedForUpgrade: () => location.reload() });
//   const saves = new SaveStore(db), replays = new ReplayStore(db), settings = new SettingsStore(db);

export { openPlayerData, playerDataName, type OpenPlayerDataOptions, type PlayerDataDb } from './openPlayerData.ts';
export { latestVersion } from './migrations.ts';
export type { PlayerData, PlayerDataV1, ReplayFile, ReplayMeta, ReplayRecordV1, SaveRecord } from './records.ts';
export { SaveStore } from './SaveStore.ts';
export { ReplayStore, type NewReplay } from './ReplayStore.ts';
export { SettingsStore } from './SettingsStore.ts';
export { defaultSettings, type Settings } from './Settings.ts';
export { StorageFullError } from './StorageFullError.ts';
export { requestPersistence, type PersistenceReport } from './requestPersistence.ts';
