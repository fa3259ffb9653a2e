// The records the player-data stores hold, and the database schema at each version. A
// version's schema is kept once it has shipped: the migrations read data written under it.

import type { DBSchema } from 'idb';
import type { Settings } from './Settings.ts';

/** A saved game: a state snapshot to resume from, and the replay that led to it. */
export interface SaveRecord {
  id: string;
  name: string;
  createdAt: number;
  /** Sim.buildId of the build that made the snapshot; another build can't restore it. */
  buildId: string;
  tick: number;
  stateHash: string;
  score: [number, number];
  match: { players: number; matchSeconds: number; seed: number };
  snapshot: Uint8Array;
  replay: Uint8Array;
}

/** What a replay list shows; the file itself is in `replayFiles` under the same id. */
export interface ReplayMeta {
  id: string;
  name: string;
  createdAt: number;
  buildId: string;
  ticks: number;
  finalHash: string;
  /** Final score; null for an imported file (replay files do not record it). */
  score: [number, number] | null;
  /** Size of the replay file. */
  bytes: number;
}

/** The bytes of one replay file. */
export interface ReplayFile {
  id: string;
  file: Uint8Array;
}

/** Settings are stored one field per key, so an update writes only the fields it changes. */
interface SettingsStoreSchema {
  key: keyof Settings;
  value: Settings[keyof Settings];
}

/** The latest schema (v2). */
export interface PlayerData extends DBSchema {
  saves: { key: string; value: SaveRecord; indexes: { byCreated: number } };
  replays: { key: string; value: ReplayMeta; indexes: { byCreated: number } };
  replayFiles: { key: string; value: ReplayFile };
  settings: SettingsStoreSchema;
}

/** A v1 replay: metadata and file in one record, so listing replays read every file. */
export interface ReplayRecordV1 extends Omit<ReplayMeta, 'bytes'> {
  file: Uint8Array;
}

/** Schema v1: no replayFiles store, no indexes. */
export interface PlayerDataV1 extends DBSchema {
  saves: { key: string; value: SaveRecord };
  replays: { key: string; value: ReplayRecordV1 };
  settings: SettingsStoreSchema;
}
