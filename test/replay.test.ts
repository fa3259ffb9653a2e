// Replay files (host/replay/, tools/replay.ts): the v1 byte layout, record → encode → decode →
// re-simulate round trips, mismatch localisation, build-id checks, every rejection code of the
// reader, and the CLI's exit codes. No hash is hard-coded: recorded hashes are compared with
// recomputed ones, so the suite holds for any sim build. Needs build/tessera.wasm (npm run build:sim).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'fflate';
import { loadSimNode } from '../host/loadSimNode.ts';
import { hex32 } from '../host/Sim.ts';
import type { MatchConfig } from '../host/MatchConfig.ts';
import { packInput, unpackInput } from '../host/input.ts';
import { BUTTON_DASH } from '../host/SimExports.ts';
import { type Replay, decodeReplay, encodeReplay, ReplayOffset } from '../host/replay/ReplayFile.ts';
import { ReplayFormatError, type ReplayFormatErrorCode } from '../host/replay/ReplayFormatError.ts';
import { ReplayBuildMismatchError } from '../host/replay/ReplayBuildMismatchError.ts';
import { ReplayRecorder } from '../host/replay/ReplayRecorder.ts';
import { runReplay } from '../host/replay/runReplay.ts';
import { randomInputs } from '../host/replay/randomInputs.ts';

const sim = await loadSimNode();
const fresh = await sim.clone();

// Slots 0 and 3 are people, 1 and 2 bots; the match ends at tick 120 + 600 = 720, so the
// replay covers countdown, play and the ended phase.
const FOUR: MatchConfig = { seed: 7, players: 4, botMask: 0b0110, matchTicks: 600, orbs: 24 };
const FOUR_TICKS = 1000;
const FOUR_INTERVAL = 50;
const TWO: MatchConfig = { seed: 99, players: 2, botMask: 0b10, matchTicks: 0, orbs: 40 };
const KICKOFF_TICKS = 120; // assembly/game/gameBlock.ts: inputs are ignored until then

function record(config: MatchConfig, ticks: number, interval: number, compress = true): Replay {
  const recorder = new ReplayRecorder(sim, config, { interval });
  const next = randomInputs(config.seed, config.players, recorder.config.botMask);
  for (let t = 0; t < ticks; t++) recorder.record(next());
  return recorder.finish({ compress });
}

const four = record(FOUR, FOUR_TICKS, FOUR_INTERVAL);
// 700 is not a multiple of 60: the final hash is checked at a tick no checkpoint covers.
const two = record(TWO, 700, 60, false);
// An interval above 255 (both bytes of the u16 matter) and an empty log (only the final hash).
const wide = record({ ...FOUR, seed: 3, botMask: 0b1001 }, 700, 300);
const empty = record(TWO, 0, 60);

function cloneReplay(r: Replay): Replay {
  return { ...r, config: { ...r.config }, inputs: r.inputs.slice(), checkpoints: r.checkpoints.map((c) => ({ ...c })) };
}

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, true);
}

function patch(bytes: Uint8Array, edit: (view: DataView, bytes: Uint8Array) => void): Uint8Array {
  const copy = bytes.slice();
  edit(new DataView(copy.buffer), copy);
  return copy;
}

/** The file with its input log replaced by `log` (length field updated, checkpoints kept). */
function withLog(bytes: Uint8Array, log: Uint8Array): Uint8Array {
  const oldLength = u32(bytes, ReplayOffset.logBytes);
  const out = new Uint8Array(bytes.length - oldLength + log.length);
  out.set(bytes.subarray(0, ReplayOffset.log));
  out.set(log, ReplayOffset.log);
  out.set(bytes.subarray(ReplayOffset.log + oldLength), ReplayOffset.log + log.length);
  new DataView(out.buffer).setUint32(ReplayOffset.logBytes, log.length, true);
  return out;
}

function expectCode(bytes: Uint8Array, code: ReplayFormatErrorCode, label: string): void {
  assert.throws(
    () => decodeReplay(bytes),
    (err: unknown) => {
      assert.ok(err instanceof ReplayFormatError, `${label}: expected ReplayFormatError, got ${String(err)}`);
      assert.equal(err.code, code, `${label}: ${err.message}`);
      return true;
    },
    label,
  );
}

test('encode/decode round trip, with the v1 bytes where the spec puts them', () => {
  for (const replay of [four, two, wide, empty, { ...four, compressed: false }, { ...two, compressed: true }, { ...empty, compressed: false }]) {
    const bytes = encodeReplay(replay);
    const back = decodeReplay(bytes);
    assert.deepEqual(back, replay);
    assert.deepEqual(encodeReplay(back), bytes, 'encoding is canonical');

    const { players } = replay.config;
    const logBytes = u32(bytes, ReplayOffset.logBytes);
    const count = replay.checkpoints.length;
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 4)), 'TSRP');
    const view = new DataView(bytes.buffer);
    assert.equal(view.getUint16(4, true), 1, 'version');
    assert.equal(view.getUint16(6, true), replay.compressed ? 1 : 0, 'flags');
    assert.equal(Array.from(bytes.subarray(8, 16), (b) => b.toString(16).padStart(2, '0')).join(''), sim.buildId);
    assert.equal(u32(bytes, 16), replay.config.seed);
    assert.equal(bytes[20], players);
    assert.equal(bytes[21], replay.config.botMask);
    assert.equal(view.getUint16(22, true), replay.checkpointInterval);
    assert.equal(u32(bytes, 24), replay.config.matchTicks);
    assert.equal(u32(bytes, 28), replay.config.orbs);
    assert.equal(u32(bytes, 32), replay.ticks);
    assert.equal(u32(bytes, 36), count);
    assert.equal(u32(bytes, 44), replay.finalHash);
    assert.equal(bytes.length, 48 + logBytes + 8 * count, 'nothing follows the checkpoints');
    if (replay.compressed) {
      if (replay.ticks > 0) assert.ok(logBytes < replay.ticks * players * 4, 'deflate shrinks the log');
    } else if (replay.ticks > 0) {
      assert.equal(logBytes, replay.ticks * players * 4);
      const last = replay.ticks - 1;
      assert.equal(view.getInt32(48 + 4 * (players * last + players - 1), true), replay.inputs[players * last + players - 1]);
    }
    for (let k = 0; k < count; k++) {
      assert.equal(u32(bytes, 48 + logBytes + 8 * k), (k + 1) * replay.checkpointInterval);
      assert.equal(u32(bytes, 48 + logBytes + 8 * k + 4), replay.checkpoints[k]?.hash);
    }
  }
  assert.equal(two.checkpoints.length, 11, '700 ticks at interval 60 keep 11 checkpoints');
  assert.equal(wide.checkpoints.length, 2);
  assert.equal(encodeReplay({ ...empty, compressed: false }).length, 48, 'an empty raw replay is its header');
});

test('recording is deterministic and the log holds what the sim was given', () => {
  assert.deepEqual(encodeReplay(record(FOUR, FOUR_TICKS, FOUR_INTERVAL)), encodeReplay(four));
  assert.notDeepEqual(record({ ...FOUR, seed: 8 }, 300, FOUR_INTERVAL).inputs, four.inputs.subarray(0, 300 * 4));
  // Bot slots get 0 from the scripted players; people get varied input.
  const slot = (s: number): number[] => Array.from({ length: FOUR_TICKS }, (_, t) => four.inputs[t * 4 + s] ?? 0);
  assert.ok(slot(1).every((v) => v === 0) && slot(2).every((v) => v === 0));
  assert.ok(new Set(slot(0)).size > 20 && new Set(slot(3)).size > 20);
  // Bot bits at or above `players` are dropped so equal matches give equal files.
  const masked = new ReplayRecorder(sim, { ...TWO, botMask: 0b1110 });
  assert.equal(masked.finish().config.botMask, 0b10);
});

test('a recorded match replays to identical hashes in a fresh instance and in the same one', () => {
  for (const replay of [four, two, wide, empty]) {
    const decoded = decodeReplay(encodeReplay(replay));
    for (const target of [fresh, sim]) {
      const result = runReplay(target, decoded);
      assert.equal(result.ticks, replay.ticks);
      assert.equal(result.checkpoints.length, replay.checkpoints.length);
      for (const [k, c] of result.checkpoints.entries()) {
        assert.equal(c.tick, replay.checkpoints[k]?.tick);
        assert.equal(c.computed, c.recorded, `tick ${c.tick}`);
        assert.ok(c.ok);
      }
      assert.equal(result.finalHash, replay.finalHash);
      assert.equal(result.recordedFinalHash, replay.finalHash);
      assert.equal(result.firstMismatchTick, null);
      assert.ok(result.ok && result.sameBuild);
      assert.equal(target.tick, replay.ticks);
    }
    // The state really evolves: equal checkpoints would make the comparisons above vacuous.
    assert.equal(new Set(replay.checkpoints.map((c) => c.hash)).size, replay.checkpoints.length);
  }
});

test('inputs given to bot slots do not change the replay', () => {
  const tampered = cloneReplay(four);
  for (let t = KICKOFF_TICKS; t < tampered.ticks; t++) tampered.inputs[t * 4 + 1] = packInput(BUTTON_DASH, 127, -127);
  assert.ok(runReplay(fresh, tampered).ok);
});

test('a tampered checkpoint is reported at exactly its tick', () => {
  const bytes = encodeReplay(four);
  const logBytes = u32(bytes, ReplayOffset.logBytes);
  for (const k of [0, 7, four.checkpoints.length - 1]) {
    const hashAt = 48 + logBytes + 8 * k + 4;
    const result = runReplay(fresh, decodeReplay(patch(bytes, (v) => v.setUint32(hashAt, v.getUint32(hashAt, true) ^ 1, true))));
    assert.equal(result.firstMismatchTick, (k + 1) * FOUR_INTERVAL);
    assert.deepEqual(result.checkpoints.filter((c) => !c.ok).map((c) => c.tick), [(k + 1) * FOUR_INTERVAL]);
    assert.equal(result.finalHash, result.recordedFinalHash, 'the simulation itself did not diverge');
    assert.equal(result.ok, false);
  }
  // The final hash alone: reported at the last tick.
  const result = runReplay(fresh, decodeReplay(patch(bytes, (v) => v.setUint32(44, v.getUint32(44, true) ^ 0x80000000, true))));
  assert.ok(result.checkpoints.every((c) => c.ok));
  assert.equal(result.firstMismatchTick, FOUR_TICKS);
});

test('a tampered input makes the first checkpoint at or after its tick the first mismatch', () => {
  // Log row t is applied by the step that reaches tick t + 1. Rows are picked after kickoff
  // (earlier inputs are ignored by the game), on, just before and well before a checkpoint.
  for (const row of [349, 346, 410, 719]) {
    const tampered = cloneReplay(four);
    const at = row * 4; // slot 0, a person
    const { buttons, stickX, stickY } = unpackInput(tampered.inputs[at] ?? 0);
    // Reverse the stick and toggle dash: a change the player's body cannot absorb in one tick.
    tampered.inputs[at] = packInput(buttons ^ BUTTON_DASH, stickX > 0 ? -127 : 127, stickY > 0 ? -127 : 127);
    const result = runReplay(fresh, tampered);
    const expected = Math.ceil((row + 1) / FOUR_INTERVAL) * FOUR_INTERVAL;
    assert.equal(result.firstMismatchTick, expected, `row ${row}`);
    assert.ok(result.checkpoints.filter((c) => c.tick < expected).every((c) => c.ok));
  }
});

test('a replay from another build is refused unless forced', () => {
  const otherId = sim.buildId.replace(/^./, (d) => (d === '0' ? '1' : '0'));
  const foreign = decodeReplay(encodeReplay({ ...two, buildId: otherId }));
  assert.equal(foreign.buildId, otherId);
  assert.throws(
    () => runReplay(fresh, foreign),
    (err: unknown) =>
      err instanceof ReplayBuildMismatchError &&
      err.message.includes(otherId) &&
      err.message.includes(sim.buildId) &&
      err.message.includes('another build'),
  );
  const forced = runReplay(fresh, foreign, { force: true });
  assert.ok(forced.ok);
  assert.equal(forced.sameBuild, false);
});

test('malformed files are rejected with their error code', () => {
  const deflated = encodeReplay(four);
  const raw = encodeReplay(two);
  const set16 = (at: number, v: number) => (view: DataView) => view.setUint16(at, v, true);
  const set32 = (at: number, v: number) => (view: DataView) => view.setUint32(at, v, true);
  const set8 = (at: number, v: number) => (view: DataView) => view.setUint8(at, v);

  expectCode(patch(raw, set8(0, 0x58)), 'bad-magic', 'XSRP');
  expectCode(new TextEncoder().encode('{"not": "a replay at all, but long enough for a header"}'), 'bad-magic', 'json');
  expectCode(new TextEncoder().encode('TS'.padEnd(3, 'x')), 'bad-magic', 'short non-replay');

  expectCode(patch(raw, set16(4, 2)), 'unsupported-version', 'version 2');
  expectCode(patch(raw, set16(4, 0)), 'unsupported-version', 'version 0');
  expectCode(raw.slice(0, 6).map((b, i) => (i === 4 ? 2 : b)), 'unsupported-version', 'short v2 file: version before length');

  expectCode(patch(raw, set16(6, 0x0002)), 'reserved-flags', 'bit 1');
  expectCode(patch(deflated, set16(6, 0x8001)), 'reserved-flags', 'bit 15 with deflate');

  for (const [name, bytes] of [['raw', raw], ['deflated', deflated]] as const) {
    const logEnd = 48 + u32(bytes, ReplayOffset.logBytes);
    for (const cut of [0, 3, 5, 7, 21, 47, 48, 49, logEnd - 1, logEnd, logEnd + 5, bytes.length - 1]) {
      expectCode(bytes.subarray(0, cut), 'truncated', `${name} cut at ${cut}`);
    }
    expectCode(Uint8Array.of(...bytes, 0), 'trailing-bytes', `${name} + 1 byte`);
    expectCode(Uint8Array.of(...bytes, ...bytes), 'trailing-bytes', `${name} twice`);
  }

  const stream = deflated.subarray(48, 48 + u32(deflated, ReplayOffset.logBytes));
  const rawLog = raw.subarray(48, 48 + u32(raw, ReplayOffset.logBytes));
  expectCode(patch(deflated, set8(48, 0xff)), 'bad-inflate', 'reserved deflate block type');
  expectCode(withLog(deflated, stream.subarray(0, stream.length >> 1)), 'bad-inflate', 'deflate stream cut short');
  const fourRaw = encodeReplay({ ...four, compressed: false }).subarray(48, 48 + four.inputs.length * 4);
  expectCode(withLog(deflated, deflateSync(fourRaw.subarray(4))), 'bad-inflate', 'inflates 4 bytes short');
  expectCode(withLog(deflated, deflateSync(Uint8Array.of(...fourRaw, 1, 2, 3, 4))), 'bad-inflate', 'inflates 4 bytes long');

  expectCode(patch(raw, set8(20, 0)), 'bad-header', 'players 0');
  expectCode(patch(raw, set8(20, 9)), 'bad-header', 'players 9');
  expectCode(patch(raw, set8(21, 0b110)), 'bad-header', 'bot bit at or above players');
  expectCode(patch(raw, set16(22, 0)), 'bad-header', 'interval 0');
  expectCode(patch(raw, set32(24, 0x80000000)), 'bad-header', 'matchTicks beyond i32');
  expectCode(patch(raw, set32(28, 100001)), 'bad-header', 'orbs beyond the sim limit');
  expectCode(patch(raw, set32(36, two.checkpoints.length + 1)), 'bad-header', 'checkpoint count');
  expectCode(patch(raw, set32(32, two.ticks + 1)), 'bad-header', 'tick count vs raw log length');
  expectCode(withLog(raw, rawLog.subarray(8)), 'bad-header', 'raw log length vs ticks');
  // 4 billion ticks in a ~100-byte stream: refused from the header, before any allocation.
  expectCode(patch(deflated, (v) => { v.setUint32(32, 0xffffffff, true); v.setUint32(36, Math.floor(0xffffffff / FOUR_INTERVAL), true); }), 'bad-header', 'deflate bomb');
  expectCode(patch(raw, set32(48 + rawLog.length + 8, 121)), 'bad-checkpoint', 'checkpoint 1 at tick 121');

  assert.equal(decodeReplay(raw).ticks, two.ticks, 'the unpatched files still decode');
  assert.equal(decodeReplay(deflated).ticks, four.ticks);
});

test('the recorder refuses a sim driven behind its back', () => {
  const recorder = new ReplayRecorder(sim, TWO);
  recorder.record([1, 0]);
  sim.stepWith([0, 0]);
  assert.throws(() => recorder.record([0, 0]), /behind the recorder's back/);
  assert.throws(() => recorder.finish(), /final hash would not match/);
});

// ---- CLI --------------------------------------------------------------------------------------
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'tools', 'replay.ts');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('CLI: record, verify, tampered, foreign and garbage files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-replay-'));
  try {
    const file = join(dir, 'match.tsrp');
    const made = await runCli('record', file, '--seed', '5', '--players', '3', '--bots', '0b010', '--ticks', '900', '--orbs', '20', '--interval', '45');
    assert.equal(made.code, 0, made.stderr);
    const printed = /final hash ([0-9a-f]{8})/.exec(made.stdout)?.[1];
    assert.ok(printed, made.stdout);

    // The file holds what the CLI reported, replays in-process, and record mode is the
    // library's recorder fed by the seeded inputs.
    const bytes = new Uint8Array(await readFile(file));
    const replay = decodeReplay(bytes);
    assert.equal(hex32(replay.finalHash), printed);
    assert.ok(runReplay(fresh, replay).ok);
    const config: MatchConfig = { seed: 5, players: 3, botMask: 0b010, matchTicks: 0, orbs: 20 };
    assert.deepEqual(encodeReplay(record(config, 900, 45)), bytes);

    const logBytes = u32(bytes, ReplayOffset.logBytes);
    const tampered = join(dir, 'tampered.tsrp');
    await writeFile(tampered, patch(bytes, (v) => v.setUint32(48 + logBytes + 8 * 4 + 4, ~v.getUint32(48 + logBytes + 8 * 4 + 4, true), true)));
    const foreign = join(dir, 'foreign.tsrp');
    await writeFile(foreign, patch(bytes, (_, b) => b.fill(0xab, 8, 16)));
    const garbage = join(dir, 'garbage.tsrp');
    await writeFile(garbage, 'this is not a replay\n');
    const cut = join(dir, 'cut.tsrp');
    await writeFile(cut, bytes.subarray(0, 60));

    const [ok, json, bad, foreignRun, forced, junk, short, missing] = await Promise.all([
      runCli(file),
      runCli(file, '--json'),
      runCli(tampered),
      runCli(foreign),
      runCli(foreign, '--force'),
      runCli(garbage),
      runCli(cut, '--json'),
      runCli(join(dir, 'missing.tsrp')),
    ]);

    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(`final hash at tick 900: recorded ${printed}, computed ${printed}  ok`));
    assert.match(ok.stdout, /seed 5 · 3 players/);
    assert.equal(ok.stdout.match(/ ok$/gm)?.length, 20 + 1, '20 checkpoints and the final hash');

    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as { ok: boolean; final: { computed: string }; checkpoints: unknown[]; firstMismatchTick: number | null };
    assert.equal(report.ok, true);
    assert.equal(report.final.computed, printed);
    assert.equal(report.checkpoints.length, 20);
    assert.equal(report.firstMismatchTick, null);

    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stdout, /first mismatch at tick 225\b/);
    assert.match(bad.stdout, /^ +225 +[0-9a-f]{8} +[0-9a-f]{8} +MISMATCH$/m);

    assert.equal(foreignRun.code, 2);
    assert.match(foreignRun.stderr, /another build/);
    assert.match(foreignRun.stderr, /abababababababab/);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /DIFFERENT build, forced/);

    for (const run of [junk, short, missing]) {
      assert.equal(run.code, 2);
      assert.doesNotMatch(run.stderr, /^\s+at /m, 'expected errors print no stack');
    }
    assert.match(junk.stderr, /not a Tessera replay \[bad-magic\]/);
    assert.deepEqual((JSON.parse(short.stdout) as { ok: boolean; error: { code: string } }).error.code, 'truncated');
    assert.match(missing.stderr, /cannot read .*missing\.tsrp/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
