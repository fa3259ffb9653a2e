// Replays: metadata in `replays` for cheap lists, the file in `replayFiles`, written and deleted
// together in one transaction so neither is ever left without the other.

import { commitWrite } from './commitWrite.ts';
import type { PlayerDataDb } from './openPlayerData.ts';
import { ownBytes } from './ownBytes.ts';
import type { ReplayMeta } from './records.ts';

export interface NewReplay {
  name: string;
  buildId: string;
  ticks: number;
  finalHash: string;
  score: [number, number] | null;
  /** The replay file (host/replay/ReplayFile.ts format). */
  file: Uint8Array;
}

export class ReplayStore {
  constructor(private readonly db: PlayerDataDb) {}

  /** Stores the replay under a new id. Throws StorageFullError when storage is full. */
  async add(replay: NewReplay): Promise<ReplayMeta> {
    // Field by field, so extra properties of the caller's object aren't stored.
    const meta: ReplayMeta = {
      id: crypto.randomUUID(),
      name: replay.name,
      createdAt: Date.now(),
      buildId: replay.buildId,
      ticks: replay.ticks,
      finalHash: replay.finalHash,
      score: replay.score && [replay.score[0], replay.score[1]],
      bytes: replay.file.byteLength,
    };
    const tx = this.db.transaction(['replays', 'replayFiles'], 'readwrite');
    await commitWrite(tx, 'the replay', [
      tx.objectStore('replays').add(meta),
      tx.objectStore('replayFiles').add({ id: meta.id, file: ownBytes(replay.file) }),
    ]);
    return meta;
  }

  /** Metadata of every replay, newest first; no file is read. */
  async list(): Promise<ReplayMeta[]> {
    return (await this.db.getAllFromIndex('replays', 'byCreated')).reverse();
  }

  /** The replay file, or undefined when there is no replay with this id. */
  async file(id: string): Promise<Uint8Array | undefined> {
    return (await this.db.get('replayFiles', id))?.file;
  }

  async delete(id: string): Promise<void> {
    const tx = this.db.transaction(['replays', 'replayFiles'], 'readwrite');
    await Promise.all([tx.objectStore('replays').delete(id), tx.objectStore('replayFiles').delete(id), tx.done]);
  }
}
