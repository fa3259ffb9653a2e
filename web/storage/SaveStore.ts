// Saved games, one record each.

import { commitWrite } from './commitWrite.ts';
import type { PlayerDataDb } from './openPlayerData.ts';
import { ownBytes } from './ownBytes.ts';
import type { SaveRecord } from './records.ts';

export class SaveStore {
  constructor(private readonly db: PlayerDataDb) {}

  /** Adds the save, or replaces the one with its id. Throws StorageFullError when storage is full. */
  async put(save: SaveRecord): Promise<void> {
    const record: SaveRecord = { ...save, snapshot: ownBytes(save.snapshot), replay: ownBytes(save.replay) };
    const tx = this.db.transaction('saves', 'readwrite');
    await commitWrite(tx, 'the save', [tx.store.put(record)]);
  }

  get(id: string): Promise<SaveRecord | undefined> {
    return this.db.get('saves', id);
  }

  /**
   * Every save, newest first, whole: a save is small (the state arena is a few kB, plus its input
   * log) and a player keeps a handful, so a separate metadata store like replays have isn't needed.
   */
  async list(): Promise<SaveRecord[]> {
    return (await this.db.getAllFromIndex('saves', 'byCreated')).reverse();
  }

  delete(id: string): Promise<void> {
    return this.db.delete('saves', id);
  }
}
