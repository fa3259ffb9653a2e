// Replay CLI: verify a .tsrp file against the current sim build, or record one.
//
//   npm run replay -- FILE [--json] [--force]
//   npm run replay -- record OUT.tsrp [--seed N] [--players P] [--bots MASK] [--ticks T]
//                                     [--orbs K] [--interval I] [--match-ticks M] [--raw] [--json]
//
// Exit codes are the contract scripts and CI rely on: 0 every hash matches (or the file was
// written), 1 the replay diverges, 2 the file, the build or the command line is wrong. Expected
// errors print one line; only a bug in this tool prints a stack.

import { readFile, writeFile } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { loadSimNode } from '../host/loadSimNode.ts';
import { type Sim, hex32 } from '../host/Sim.ts';
import { SimAbortError } from '../host/instantiateWasm.ts';
import { type MatchConfig, defaultMatchConfig, validateMatchConfig } from '../host/MatchConfig.ts';
import { type Replay, decodeReplay, encodeReplay, REPLAY_FORMAT_VERSION } from '../host/replay/ReplayFile.ts';
import { ReplayFormatError } from '../host/replay/ReplayFormatError.ts';
import { ReplayBuildMismatchError } from '../host/replay/ReplayBuildMismatchError.ts';
import { ReplayRecorder, DEFAULT_CHECKPOINT_INTERVAL } from '../host/replay/ReplayRecorder.ts';
import { runReplay, type ReplayRunResult } from '../host/replay/runReplay.ts';
import { randomInputs } from '../host/replay/randomInputs.ts';

const USAGE = `usage:
  npm run replay -- FILE [--json] [--force]
      Re-simulate FILE and compare every checkpoint and the final hash.
      --force  run a replay recorded by another sim build anyway
      --json   print one JSON object (hashes as 8-digit hex strings)
  npm run replay -- record OUT.tsrp [--seed N] [--players P] [--bots MASK] [--ticks T]
                                    [--orbs K] [--interval I] [--match-ticks M] [--raw] [--json]
      Play T ticks (default 1200) with seeded pseudo-random inputs on non-bot slots, write OUT.
      Defaults: seed 1, players 4, bots 0b1110, orbs 40, interval ${DEFAULT_CHECKPOINT_INTERVAL}, match-ticks 0 (3 min).
      MASK may be decimal, 0x… or 0b…; --raw stores the input log uncompressed.
exit: 0 all hashes match / file written, 1 replay diverges, 2 bad file, build or arguments`;

/** An error the user can act on: printed as one line, exit 2. */
class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function asCliError(err: unknown): CliError | null {
  if (err instanceof CliError) return err;
  if (err instanceof ReplayFormatError) return new CliError(err.code, err.message);
  if (err instanceof ReplayBuildMismatchError) return new CliError('build-mismatch', err.message);
  if (err instanceof SimAbortError) return new CliError('sim-abort', `the sim aborted: ${err.message}`);
  return null;
}

type Parsed = { values: Record<string, unknown>; positionals: string[] };

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): Parsed {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError('usage', `${(err as Error).message}\n${USAGE}`);
  }
}

function intOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  // Number() reads decimal, 0x and 0b, which suits bit masks.
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isInteger(n) || n < 0) {
    throw new CliError('usage', `--${name} must be a non-negative whole number, got "${String(value)}"`);
  }
  return n;
}

async function loadSim(): Promise<Sim> {
  try {
    return await loadSimNode();
  } catch (err) {
    throw new CliError('sim-load', (err as Error).message);
  }
}

async function readReplay(file: string): Promise<{ replay: Replay; bytes: number }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (err) {
    throw new CliError('io', `cannot read ${file}: ${(err as Error).message}`);
  }
  return { replay: decodeReplay(bytes), bytes: bytes.length };
}

const bin = (mask: number): string => `0b${mask.toString(2)}`;

function describeConfig(c: MatchConfig): string {
  return `seed ${c.seed} · ${c.players} players · bots ${bin(c.botMask)} · matchTicks ${c.matchTicks}${c.matchTicks === 0 ? ' (default)' : ''} · orbs ${c.orbs}`;
}

function verifyReport(file: string, size: number, replay: Replay, sim: Sim, result: ReplayRunResult): string {
  const lines = [
    `replay  ${file} (${size} bytes, format v${REPLAY_FORMAT_VERSION}, input log ${replay.compressed ? 'deflated' : 'raw'})`,
    `build   replay ${replay.buildId}, sim ${sim.buildId}${result.sameBuild ? ' (same build)' : ' (DIFFERENT build, forced)'}`,
    `match   ${describeConfig(replay.config)}`,
    `ticks   ${replay.ticks}, checkpoint every ${replay.checkpointInterval} ticks (${replay.checkpoints.length} checkpoints)`,
    '',
    '      tick  recorded  computed',
  ];
  for (const c of result.checkpoints) {
    lines.push(`${String(c.tick).padStart(10)}  ${hex32(c.recorded)}  ${hex32(c.computed)}  ${c.ok ? 'ok' : 'MISMATCH'}`);
  }
  const finalOk = result.finalHash === result.recordedFinalHash;
  lines.push(`final hash at tick ${result.ticks}: recorded ${hex32(result.recordedFinalHash)}, computed ${hex32(result.finalHash)}  ${finalOk ? 'ok' : 'MISMATCH'}`, '');
  if (result.firstMismatchTick === null) {
    lines.push(`OK: ${result.checkpoints.length} checkpoints and the final hash match`);
  } else {
    const bad = result.checkpoints.filter((c) => !c.ok).length;
    lines.push(`MISMATCH: first mismatch at tick ${result.firstMismatchTick} (${bad} of ${result.checkpoints.length} checkpoints differ, final hash ${finalOk ? 'matches' : 'differs'})`);
  }
  return lines.join('\n');
}

function verifyJson(file: string, size: number, replay: Replay, sim: Sim, result: ReplayRunResult): object {
  return {
    ok: result.ok,
    file,
    bytes: size,
    replay: {
      format: REPLAY_FORMAT_VERSION,
      buildId: replay.buildId,
      compressed: replay.compressed,
      ...replay.config,
      ticks: replay.ticks,
      checkpointInterval: replay.checkpointInterval,
    },
    simBuildId: sim.buildId,
    sameBuild: result.sameBuild,
    checkpoints: result.checkpoints.map((c) => ({ tick: c.tick, recorded: hex32(c.recorded), computed: hex32(c.computed), ok: c.ok })),
    final: {
      tick: result.ticks,
      recorded: hex32(result.recordedFinalHash),
      computed: hex32(result.finalHash),
      ok: result.finalHash === result.recordedFinalHash,
    },
    firstMismatchTick: result.firstMismatchTick,
  };
}

async function verify(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, force: { type: 'boolean' } });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new CliError('usage', `expected one replay file\n${USAGE}`);
  const { replay, bytes } = await readReplay(file);
  const sim = await loadSim();
  const result = runReplay(sim, replay, { force: values['force'] === true });
  out(values['json'] ? JSON.stringify(verifyJson(file, bytes, replay, sim, result)) : verifyReport(file, bytes, replay, sim, result));
  return result.ok ? 0 : 1;
}

async function record(args: string[], out: (text: string) => void): Promise<number> {
  const { values, positionals } = parse(args, {
    seed: { type: 'string' },
    players: { type: 'string' },
    bots: { type: 'string' },
    ticks: { type: 'string' },
    orbs: { type: 'string' },
    interval: { type: 'string' },
    'match-ticks': { type: 'string' },
    raw: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new CliError('usage', `record expects one output file\n${USAGE}`);
  const config: MatchConfig = {
    seed: intOption(values['seed'], 'seed', defaultMatchConfig.seed),
    players: intOption(values['players'], 'players', defaultMatchConfig.players),
    botMask: intOption(values['bots'], 'bots', defaultMatchConfig.botMask), // the recorder drops bits ≥ players
    matchTicks: intOption(values['match-ticks'], 'match-ticks', 0),
    orbs: intOption(values['orbs'], 'orbs', defaultMatchConfig.orbs),
  };
  const ticks = intOption(values['ticks'], 'ticks', 1200);
  const interval = intOption(values['interval'], 'interval', DEFAULT_CHECKPOINT_INTERVAL);
  try {
    validateMatchConfig(config);
  } catch (err) {
    throw new CliError('usage', (err as Error).message);
  }
  if (ticks > 0xffffffff) throw new CliError('usage', `--ticks must fit a u32, got ${ticks}`);
  if (interval < 1 || interval > 0xffff) throw new CliError('usage', `--interval must be 1..65535, got ${interval}`);

  const sim = await loadSim();
  const recorder = new ReplayRecorder(sim, config, { interval });
  const next = randomInputs(config.seed, config.players, recorder.config.botMask);
  for (let t = 0; t < ticks; t++) recorder.record(next());
  const replay = recorder.finish({ compress: values['raw'] !== true });
  const bytes = encodeReplay(replay);
  try {
    await writeFile(file, bytes);
  } catch (err) {
    throw new CliError('io', `cannot write ${file}: ${(err as Error).message}`);
  }
  if (values['json']) {
    out(JSON.stringify({ ok: true, file, bytes: bytes.length, buildId: replay.buildId, ...replay.config, ticks, checkpoints: replay.checkpoints.length, finalHash: hex32(replay.finalHash) }));
  } else {
    out(
      [
        `wrote   ${file} (${bytes.length} bytes, input log ${replay.compressed ? 'deflated' : 'raw'})`,
        `build   ${replay.buildId}`,
        `match   ${describeConfig(replay.config)}`,
        `ticks   ${ticks}, ${replay.checkpoints.length} checkpoints every ${interval} ticks`,
        `final hash ${hex32(replay.finalHash)}`,
      ].join('\n'),
    );
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const out = (text: string): void => void process.stdout.write(text + '\n');
  const json = argv.includes('--json');
  if (argv.includes('--help') || argv.includes('-h')) {
    out(USAGE);
    return 0;
  }
  try {
    return argv[0] === 'record' ? await record(argv.slice(1), out) : await verify(argv, out);
  } catch (err) {
    const known = asCliError(err);
    if (known === null) throw err; // not an expected failure: a bug, reported with its stack below
    if (json) out(JSON.stringify({ ok: false, error: { code: known.code, message: known.message } }));
    process.stderr.write(`error: ${known.message}\n`);
    return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`internal error: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 2;
}
