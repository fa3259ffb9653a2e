// Opens the player's database ("tessera"), creating or upgrading it through the migrations.

import { openDB, type IDBPDatabase } from 'idb';
import { latestVersion, migrations } from './migrations.ts';
import type { PlayerData, PlayerDataV1 } from './records.ts';

export const playerDataName = 'tessera';

export type PlayerDataDb = IDBPDatabase<PlayerData>;

export interface OpenPlayerDataOptions {
  /** Schema version to open at; default the latest. Tests create an old database with it. */
  version?: number;
  /**
   * Another tab holds an older version open and hasn't let go (it runs code from before this
   * handler existed); the open waits until that tab closes. Tell the player to close other tabs.
   */
  onBlocked?: () => void;
  /**
   * This connection was closed so another tab could upgrade the database: this page runs older
   * code than the database now has, and should reload. Store calls fail from here on.
   */
  onClosedForUpgrade?: () => void;
}

export function openPlayerData(options: OpenPlayerDataOptions & { version: 1 }): Promise<IDBPDatabase<PlayerDataV1>>;
export function openPlayerData(options?: OpenPlayerDataOptions): Promise<PlayerDataDb>;
export async function openPlayerData(options: OpenPlayerDataOptions = {}): Promise<PlayerDataDb | IDBPDatabase<PlayerDataV1>> {
  const { version = latestVersion, onBlocked, onClosedForUpgrade } = options;
  if (!Number.isInteger(version) || version < 1 || version > latestVersion) {
    throw new RangeError(`Player data version must be an integer from 1 to ${latestVersion}, got ${version}`);
  }
  // idb ignores what upgrade() returns, so a failed migration aborts the upgrade here and its
  // error replaces the bare AbortError the open then fails with.
  let migrationError: unknown;
  try {
    const db = await openDB(playerDataName, version, {
      upgrade(db, oldVersion, _newVersion, tx) {
        (async () => {
          for (const migrate of migrations.slice(oldVersion, version)) await migrate(db, tx);
        })().catch((error: unknown) => {
          migrationError = error;
          // A failed request has aborted the transaction already; abort() would throw then.
          if (!tx.error) tx.abort();
        });
      },
      blocked: () => onBlocked?.(),
      blocking(_currentVersion, _blockedVersion, event) {
        // Closing lets the other tab's upgrade proceed instead of waiting for this tab to close.
        (event.target as IDBDatabase).close();
        onClosedForUpgrade?.();
      },
    });
    return db as PlayerDataDb;
  } catch (error) {
    throw migrationError ?? error;
  }
}
