// Saves (host/save/GameSave.ts): a snapshot loaded into a fresh instance has the saved hash and
// plays on exactly as the original does; the resumed recording makes the same replay as one never
// interrupted; another build's save and a damaged save are refused with their messages.
// Needs build/tessera.wasm (npm run build:sim).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSimNode } from '../host/loadSimNode.ts';
import { hex32, type Sim } from '../host/Sim.ts';
import type { MatchConfig } from '../host/MatchConfig.ts';
import { ReplayRecorder } from '../host/replay/ReplayRecorder.ts';
import { encodeReplay } from '../host/replay/ReplayFile.ts';
import { randomInputs } from '../host/replay/randomInputs.ts';
import { loadSave, saveMatch, SaveBuildMismatchError, SaveDamagedError, type GameSave } from '../host/save/GameSave.ts';

const base = await loadSimNode();
const CONFIG: MatchConfig = { seed: 99, players: 4, botMask: 0b1010, matchTicks: 900, orbs: 30 };
const SAVE_AT = 500;
const MORE = 400;

async function playTo(ticks: number): Promise<{ recorder: ReplayRecorder; next: () => Int32Array }> {
  const recorder = new ReplayRecorder(await base.clone(), CONFIG, { interval: 60 });
  const next = randomInputs(5, CONFIG.players, CONFIG.botMask);
  for (let t = 0; t < ticks; t++) recorder.record(next());
  return { recorder, next };
}

test('a loaded save has the saved hash and plays on exactly like the match it came from', async () => {
  const { recorder: original, next } = await playTo(SAVE_AT);
  const save = saveMatch(original);
  assert.equal(save.tick, SAVE_AT);
  assert.equal(save.stateHash, hex32(original.sim.hash()));

  const loaded: Sim = await base.clone();
  const resumed = loadSave(loaded, save);
  assert.equal(loaded.tick, SAVE_AT);
  assert.equal(hex32(loaded.hash()), save.stateHash);

  for (let t = 0; t < MORE; t++) {
    const inputs = next();
    original.record(inputs);
    resumed.record(inputs);
  }
  assert.equal(loaded.hash(), original.sim.hash());
  // The resumed recording is the whole match: byte for byte the replay of the uninterrupted one.
  assert.deepEqual(encodeReplay(resumed.finish()), encodeReplay(original.finish()));
});

test('a save from another sim build is refused before it touches the state', async () => {
  const { recorder } = await playTo(120);
  const foreign: GameSave = { ...saveMatch(recorder), buildId: '0123456789abcdef' };
  const target = await base.clone();
  assert.throws(() => loadSave(target, foreign), (e: unknown) => {
    assert.ok(e instanceof SaveBuildMismatchError);
    assert.match(e.message, /another version of the game \(sim build 0123456789abcdef; this is [0-9a-f]{16}\)/);
    return true;
  });
});

test('a damaged snapshot is refused, not played', async () => {
  const { recorder } = await playTo(200);
  const save = saveMatch(recorder);
  const snapshot = save.snapshot.slice();
  snapshot[snapshot.length - 8]! ^= 0xff;
  const target = await base.clone();
  assert.throws(() => loadSave(target, { ...save, snapshot }), (e: unknown) => e instanceof SaveDamagedError && /not the state the replay ends in/.test(e.message));
  assert.throws(() => loadSave(target, { ...save, snapshot: save.snapshot.subarray(0, 64) }), (e: unknown) => e instanceof SaveDamagedError && /arena is \d+/.test(e.message));
  assert.throws(() => loadSave(target, { ...save, tick: save.tick + 1 }), SaveDamagedError);
  assert.throws(() => loadSave(target, { ...save, stateHash: '00000000' }), SaveDamagedError);
});
