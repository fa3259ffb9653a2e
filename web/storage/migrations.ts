// The schema history, oldest first: migrations[i] takes the database from version i to i + 1.
// openPlayerData runs the ones between the stored version and the target, in order, inside the
// upgrade transaction, so an upgrade either completes with the data carried over or changes nothing.
// Migrations see the database untyped: mid-upgrade it matches neither schema in records.ts.

import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { ReplayFile, ReplayMeta, ReplayRecordV1 } from './records.ts';

export type Migration = (
  db: IDBPDatabase<unknown>,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
) => void | Promise<void>;

export const migrations: readonly Migration[] = [
  // v1: saves, replays with their file inline, settings one field per key.
  (db) => {
    db.createObjectStore('saves', { keyPath: 'id' });
    db.createObjectStore('replays', { keyPath: 'id' });
    db.createObjectStore('settings');
  },
  // v2: replay files move to their own store, so listing replays reads metadata only; saves and
  // replays are indexed by creation time for newest-first lists.
  async (db, tx) => {
    db.createObjectStore('replayFiles', { keyPath: 'id' });
    tx.objectStore('saves').createIndex('byCreated', 'createdAt');
    const replays = tx.objectStore('replays');
    replays.createIndex('byCreated', 'createdAt');
    const files = tx.objectStore('replayFiles');
    for (let cursor = await replays.openCursor(); cursor; cursor = await cursor.continue()) {
      const { file, ...fields } = cursor.value as ReplayRecordV1;
      const meta: ReplayMeta = { ...fields, bytes: file.byteLength };
      const moved: ReplayFile = { id: meta.id, file };
      await Promise.all([files.put(moved), cursor.update(meta)]);
    }
  },
];

export const latestVersion = migrations.length;
