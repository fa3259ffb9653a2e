// web/storage in a real Chromium against its real IndexedDB: e2e/pages/playerData.html exposes the
// module as window.playerData. Every test gets a fresh browser context, so a fresh database.
// Bytes cross into the page as number arrays and come back as number arrays; the page checks
// they are Uint8Arrays.

import { test, expect, type Page } from '@playwright/test';
import type { Settings } from '../web/storage/index.ts';
import { devOrigin } from './support/origins.ts';

async function open(page: Page) {
  await page.goto('/e2e/pages/playerData.html');
  await page.waitForFunction(() => window.playerData !== undefined);
}

/** n bytes of a pattern that differs per seed, so swapped or truncated files don't compare equal. */
function pattern(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => (i * 31 + seed * 17 + (i >> 8)) & 255);
}

test('saves round-trip across a reload, list newest first, delete', async ({ page }) => {
  await open(page);
  const saves = [
    { id: 'save-a', createdAt: 2_000, snapshot: pattern(5_700, 1), replay: pattern(900, 2) },
    { id: 'save-b', createdAt: 3_000, snapshot: pattern(5_700, 3), replay: pattern(1_200, 4) },
    { id: 'save-c', createdAt: 1_000, snapshot: pattern(64, 5), replay: pattern(10, 6) },
  ];
  await page.evaluate(async (saves) => {
    const { openPlayerData, SaveStore } = window.playerData;
    const store = new SaveStore(await openPlayerData());
    for (const s of saves) {
      // The snapshot as a view into a bigger buffer, as a snapshot in WASM memory would be.
      const memory = new Uint8Array(s.snapshot.length + 4096);
      memory.set(s.snapshot, 1024);
      await store.put({
        id: s.id, name: `Save ${s.id}`, createdAt: s.createdAt, buildId: '0123456789abcdef', tick: s.createdAt / 10,
        stateHash: 'deadbeef', score: [1, 2], match: { players: 4, matchSeconds: 180, seed: 7 },
        snapshot: memory.subarray(1024, 1024 + s.snapshot.length), replay: new Uint8Array(s.replay),
      });
    }
  }, saves);

  await page.reload();
  await page.waitForFunction(() => window.playerData !== undefined);
  const read = () => page.evaluate(async (ids) => {
    const { openPlayerData, SaveStore } = window.playerData;
    const db = await openPlayerData();
    const store = new SaveStore(db);
    const records = await Promise.all(ids.map((id) => store.get(id)));
    const listed = (await store.list()).map((s) => s.id);
    db.close();
    return {
      listed,
      records: records.map((r) => r && {
        id: r.id, match: r.match, score: r.score,
        snapshot: Array.from(r.snapshot), replay: Array.from(r.replay),
        uint8: r.snapshot instanceof Uint8Array && r.replay instanceof Uint8Array,
        // Only the snapshot's own bytes were stored, not the buffer it was a view into.
        snapshotBufferBytes: r.snapshot.buffer.byteLength,
      }),
    };
  }, saves.map((s) => s.id));

  const before = await read();
  expect(before.listed).toEqual([...saves].sort((a, b) => b.createdAt - a.createdAt).map((s) => s.id));
  for (const [i, s] of saves.entries()) {
    const r = before.records[i];
    expect(r?.id).toBe(s.id);
    expect(r?.uint8).toBe(true);
    expect(r?.snapshot).toEqual(s.snapshot);
    expect(r?.replay).toEqual(s.replay);
    expect(r?.snapshotBufferBytes).toBe(s.snapshot.length);
    expect(r?.match).toEqual({ players: 4, matchSeconds: 180, seed: 7 });
    expect(r?.score).toEqual([1, 2]);
  }

  await page.evaluate(async () => {
    const { openPlayerData, SaveStore } = window.playerData;
    await new SaveStore(await openPlayerData()).delete('save-b');
  });
  await page.reload();
  await page.waitForFunction(() => window.playerData !== undefined);
  const after = await read();
  expect(after.listed).toEqual(['save-a', 'save-c']);
  expect(after.records[1]).toBeUndefined();
  expect(after.records[0]?.snapshot).toEqual(saves[0]!.snapshot);
});

test('replays: add, list metadata only, file bytes, delete removes both records', async ({ page }) => {
  await open(page);
  // Six, so that listing by any order other than newest first (by id, say) is caught.
  const files = [pattern(20_000, 1), pattern(3_000, 2), pattern(1, 3), pattern(700, 4), pattern(0, 5), pattern(64, 6)];
  const added = await page.evaluate(async (files) => {
    const { openPlayerData, ReplayStore } = window.playerData;
    const store = new ReplayStore(await openPlayerData());
    const metas = [];
    for (const [i, file] of files.entries()) {
      metas.push(await store.add({
        name: `Replay ${i}`, buildId: '0123456789abcdef', ticks: 3600 + i, finalHash: `0000000${i}`,
        score: [i, 3 - i], file: new Uint8Array(file),
        // Callers may pass a wider object (a replay result); the extra field must not be stored.
        ...{ unrelated: 'not stored' },
      }));
      // Distinct creation times, so newest-first has one right answer.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return metas;
  }, files);

  await page.reload();
  await page.waitForFunction(() => window.playerData !== undefined);
  const state = await page.evaluate(async (ids) => {
    const { openPlayerData, ReplayStore } = window.playerData;
    const db = await openPlayerData();
    const store = new ReplayStore(db);
    const listed = await store.list();
    const stored = await Promise.all(ids.map((id) => store.file(id)));
    return {
      listed,
      rawMeta: await db.getAll('replays'),
      files: stored.map((f) => f && { uint8: f instanceof Uint8Array, bytes: Array.from(f) }),
    };
  }, added.map((m) => m.id));

  const metaKeys = ['buildId', 'bytes', 'createdAt', 'finalHash', 'id', 'name', 'score', 'ticks'];
  expect(state.listed.map((m) => m.id)).toEqual([...added].reverse().map((m) => m.id));
  expect(state.listed).toEqual([...added].reverse());
  for (const meta of [...state.listed, ...state.rawMeta]) expect(Object.keys(meta).sort()).toEqual(metaKeys);
  for (const [i, meta] of added.entries()) {
    expect(meta.bytes).toBe(files[i]!.length);
    expect(meta.name).toBe(`Replay ${i}`);
    expect(state.files[i]).toEqual({ uint8: true, bytes: files[i] });
  }

  const afterDelete = await page.evaluate(async (id) => {
    const { openPlayerData, ReplayStore } = window.playerData;
    const db = await openPlayerData();
    const store = new ReplayStore(db);
    await store.delete(id);
    return {
      listed: (await store.list()).map((m) => m.id),
      file: await store.file(id),
      metaKeys: await db.getAllKeys('replays'),
      fileKeys: await db.getAllKeys('replayFiles'),
    };
  }, added[1]!.id);
  const kept = added.filter((_, i) => i !== 1).map((m) => m.id);
  expect(afterDelete.listed).toEqual([...kept].reverse());
  expect(afterDelete.file).toBeUndefined();
  expect([...afterDelete.metaKeys].sort()).toEqual([...kept].sort());
  expect([...afterDelete.fileKeys].sort()).toEqual([...kept].sort());
});

test('settings: defaults, update, reload, defaults for fields missing from stored data', async ({ page }) => {
  await open(page);
  const fresh = await page.evaluate(async () => {
    const { openPlayerData, SettingsStore, defaultSettings } = window.playerData;
    return { read: await new SettingsStore(await openPlayerData()).get(), defaults: defaultSettings };
  });
  const defaults = fresh.defaults;
  expect(fresh.read).toEqual(defaults);

  const changes = { quality: 'low', audio: { volume: 0.25, muted: !defaults.audio.muted }, bindings: { dash: ['KeyJ'] } } as const;
  await page.evaluate(async (changes) => {
    const { openPlayerData, SettingsStore } = window.playerData;
    await new SettingsStore(await openPlayerData()).update({ ...changes, bindings: { dash: [...changes.bindings.dash] } });
  }, changes);
  await page.reload();
  await page.waitForFunction(() => window.playerData !== undefined);
  const updated = await page.evaluate(async () => {
    const { openPlayerData, SettingsStore } = window.playerData;
    return new SettingsStore(await openPlayerData()).get();
  });
  expect(updated).toEqual({ ...defaults, ...changes });

  // Data from an older version: `audio` without `muted`, no `hud`, and a field since removed.
  const merged = await page.evaluate(async () => {
    const { openPlayerData, SettingsStore } = window.playerData;
    const db = await openPlayerData();
    const tx = db.transaction('settings', 'readwrite');
    await Promise.all([
      tx.store.put({ volume: 0.5 } as Settings['audio'], 'audio'),
      tx.store.put('low', 'removedField' as keyof Settings),
      tx.done,
    ]);
    return new SettingsStore(db).get();
  });
  expect(merged).toEqual({ ...defaults, quality: changes.quality, bindings: changes.bindings, audio: { ...defaults.audio, volume: 0.5 } });
});

test('migration: a v1 database opened at the latest version keeps its data, replay files moved', async ({ page }) => {
  await open(page);
  const file = pattern(12_345, 9);
  const snapshot = pattern(5_700, 8);
  const replay = {
    id: 'replay-v1', name: 'Old replay', createdAt: 1_700_000_000_000, buildId: 'fedcba9876543210',
    ticks: 10_800, finalHash: '1234abcd', score: [3, 5] as [number, number],
  };
  const v1 = await page.evaluate(async ({ replay, file, snapshot }) => {
    const { openPlayerData } = window.playerData;
    const db = await openPlayerData({ version: 1 });
    await db.put('replays', { ...replay, file: new Uint8Array(file) });
    await db.put('saves', {
      id: 'save-v1', name: 'Old save', createdAt: 1_600_000_000_000, buildId: 'fedcba9876543210', tick: 600,
      stateHash: 'cafef00d', score: [0, 1], match: { players: 2, matchSeconds: 60, seed: 3 },
      snapshot: new Uint8Array(snapshot), replay: new Uint8Array([1, 2, 3]),
    });
    await db.put('settings', 'high', 'quality');
    const shape = { version: db.version, stores: [...db.objectStoreNames] };
    db.close();
    return shape;
  }, { replay, file, snapshot });
  expect(v1).toEqual({ version: 1, stores: ['replays', 'saves', 'settings'] });

  await page.reload();
  await page.waitForFunction(() => window.playerData !== undefined);
  const latest = await page.evaluate(async () => {
    const { openPlayerData, latestVersion, ReplayStore, SaveStore, SettingsStore } = window.playerData;
    const db = await openPlayerData();
    const replays = new ReplayStore(db);
    const saves = new SaveStore(db);
    const moved = await db.get('replayFiles', 'replay-v1');
    const viaStore = await replays.file('replay-v1');
    const save = await saves.get('save-v1');
    return {
      version: db.version,
      latestVersion,
      stores: [...db.objectStoreNames],
      listed: await replays.list(),
      rawMeta: await db.get('replays', 'replay-v1'),
      movedFile: moved && { uint8: moved.file instanceof Uint8Array, bytes: Array.from(moved.file) },
      viaStore: viaStore && Array.from(viaStore),
      save: save && { name: save.name, snapshot: Array.from(save.snapshot), replay: Array.from(save.replay) },
      savesListed: (await saves.list()).map((s) => s.id),
      quality: (await new SettingsStore(db).get()).quality,
    };
  });
  expect(latest.version).toBe(latest.latestVersion);
  expect(latest.stores).toEqual(['replayFiles', 'replays', 'saves', 'settings']);
  expect(latest.listed).toEqual([{ ...replay, bytes: file.length }]);
  // The metadata record itself no longer holds the file: it lives in replayFiles now.
  expect(latest.rawMeta).toEqual({ ...replay, bytes: file.length });
  expect(latest.movedFile).toEqual({ uint8: true, bytes: file });
  expect(latest.viaStore).toEqual(file);
  expect(latest.save).toEqual({ name: 'Old save', snapshot, replay: [1, 2, 3] });
  expect(latest.savesListed).toEqual(['save-v1']);
  expect(latest.quality).toBe('high');
});

test('quota: a replay that does not fit throws StorageFullError and loses nothing stored', async ({ page }) => {
  await open(page);
  // Chromium applies the override only to an origin whose IndexedDB hasn't been touched yet in
  // this browser context, so it is set before the first write.
  const quotaSize = 1_000_000;
  const small = pattern(50_000, 1);
  const big = 2 * quotaSize;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: devOrigin, quotaSize });
  try {
    const first = await page.evaluate(async (small) => {
      const { openPlayerData, ReplayStore } = window.playerData;
      return new ReplayStore(await openPlayerData()).add({
        name: 'Small', buildId: '0123456789abcdef', ticks: 60, finalHash: '00000001', score: [0, 0], file: new Uint8Array(small),
      });
    }, small);

    const attempt = await page.evaluate(async (bigBytes) => {
      const { openPlayerData, ReplayStore, StorageFullError } = window.playerData;
      const store = new ReplayStore(await openPlayerData());
      try {
        await store.add({ name: 'Big', buildId: '0123456789abcdef', ticks: 60, finalHash: '00000002', score: [0, 0], file: new Uint8Array(bigBytes).fill(7) });
        return { stored: true };
      } catch (error) {
        const e = error as Error;
        const cause = e.cause instanceof DOMException ? `${e.cause.name}: "${e.cause.message}"` : String(e.cause);
        return { stored: false, name: e.name, message: e.message, isStorageFull: e instanceof StorageFullError, cause };
      }
    }, big);
    // Chromium reports the quota when the transaction commits: the requests succeed, then the
    // transaction aborts with a QuotaExceededError (with an empty message).
    expect(attempt).toMatchObject({
      stored: false,
      isStorageFull: true,
      name: 'StorageFullError',
      message: 'Storage is full: the replay was not saved. Delete old replays or saves (export them first) to make room.',
    });
    expect(attempt.cause).toMatch(/^QuotaExceededError\b/);

    const after = await page.evaluate(async (id) => {
      const { openPlayerData, ReplayStore } = window.playerData;
      const db = await openPlayerData();
      const store = new ReplayStore(db);
      const file = await store.file(id);
      return { listed: await store.list(), file: file && Array.from(file), fileKeys: await db.getAllKeys('replayFiles') };
    }, first.id);
    expect(after.listed).toEqual([first]);
    expect(after.file).toEqual(small);
    // The big replay left nothing behind: no file without its metadata.
    expect(after.fileKeys).toEqual([first.id]);
  } finally {
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: devOrigin });
  }
});

test('a write failing for another reason rejects with its own error and loses nothing stored', async ({ page }) => {
  await open(page);
  const first = pattern(1_000, 1);
  const result = await page.evaluate(async (first) => {
    const { openPlayerData, ReplayStore, StorageFullError } = window.playerData;
    const store = new ReplayStore(await openPlayerData());
    // Every new replay gets the same id, so the second add collides with the first.
    crypto.randomUUID = () => '00000000-0000-4000-8000-000000000000';
    const replay = { name: 'Replay', buildId: '0123456789abcdef', ticks: 60, finalHash: '00000001', score: [0, 0] as [number, number] };
    const meta = await store.add({ ...replay, file: new Uint8Array(first) });
    const error = await store.add({ ...replay, name: 'Collides', file: new Uint8Array(10).fill(9) }).then(() => undefined, (e: unknown) => e);
    const file = await store.file(meta.id);
    return {
      error: error instanceof DOMException ? error.name : String(error),
      isStorageFull: error instanceof StorageFullError,
      listed: (await store.list()).map((m) => m.name),
      file: file && Array.from(file),
    };
  }, first);
  expect(result).toEqual({ error: 'ConstraintError', isStorageFull: false, listed: ['Replay'], file: first });
});

test('an upgrade in another tab closes this tab\'s connection instead of waiting for it', async ({ page, context }) => {
  await open(page);
  await page.evaluate(async () => {
    const { openPlayerData } = window.playerData;
    await openPlayerData({ version: 1, onClosedForUpgrade: () => window.playerDataEvents.push('closed for upgrade') });
  });
  const other = await context.newPage();
  await open(other);
  const opened = await other.evaluate(async () => {
    const { openPlayerData } = window.playerData;
    const db = openPlayerData({ onBlocked: () => window.playerDataEvents.push('blocked') }).then((db) => db.version);
    const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3_000));
    return { version: await Promise.race([db, timeout]), events: window.playerDataEvents };
  });
  const latestVersion = await other.evaluate(() => window.playerData.latestVersion);
  expect(opened).toEqual({ version: latestVersion, events: [] });
  expect(await page.evaluate(() => window.playerDataEvents)).toEqual(['closed for upgrade']);
});

test('requestPersistence reports persistence and usage, and never throws without the Storage API', async ({ page, context }) => {
  await open(page);
  const { reports, persistCalls } = await page.evaluate(async () => {
    const storage = navigator.storage;
    const persist = storage.persist.bind(storage);
    let persistCalls = 0;
    storage.persist = () => {
      persistCalls++;
      return persist();
    };
    const reports = [];
    for (let i = 0; i < 3; i++) reports.push(await window.playerData.requestPersistence());
    return { reports, persistCalls };
  });
  expect(persistCalls).toBe(1);
  for (const report of reports) {
    expect(typeof report.persisted).toBe('boolean');
    expect(report.usage).toEqual(expect.any(Number));
    expect(report.quota).toEqual(expect.any(Number));
  }

  const bare = await context.newPage();
  await bare.addInitScript(() => Object.defineProperty(Navigator.prototype, 'storage', { get: () => undefined }));
  await open(bare);
  expect(await bare.evaluate(() => window.playerData.requestPersistence())).toEqual({ persisted: false });
});
