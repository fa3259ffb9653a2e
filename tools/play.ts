// `npm start` until the browser runtime lands: a real match of the demo game in the terminal.
// Bots play each other at 60 ticks per second (or flat out with --fast); on a terminal the
// pitch is drawn in text, otherwise one scoreboard line per second. Ctrl-C stops.
//
//   npm start -- [--seed N] [--players P] [--orbs K] [--minutes M] [--fast]

import { parseArgs } from 'node:util';
import { loadSimNode } from '../host/loadSimNode.ts';
import { Component, Field, Phase, Q16, TICKS_PER_SECOND } from '../host/SimExports.ts';
import type { Sim } from '../host/Sim.ts';
import { hex32 } from '../host/Sim.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    players: { type: 'string', default: '4' },
    orbs: { type: 'string', default: '40' },
    minutes: { type: 'string', default: '3' },
    fast: { type: 'boolean', default: false },
  },
});

const sim = await loadSimNode();
const players = Number(values.players);
sim.start({
  seed: Number(values.seed),
  players,
  botMask: (1 << players) - 1,
  matchTicks: Math.round(Number(values.minutes) * 60 * TICKS_PER_SECOND),
  orbs: Number(values.orbs),
});

const drawPitch = process.stdout.isTTY && !values.fast;
const clock = (ticks: number): string => {
  const s = Math.ceil(ticks / TICKS_PER_SECOND);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function statusLine(s: Sim): string {
  const e = s.exports;
  const phase = e.phase() === Phase.Countdown ? 'kickoff' : e.phase() === Phase.Playing ? 'playing' : 'full time';
  return `tick ${String(s.tick).padStart(6)}  ${clock(e.ticksLeft())}  ${phase.padEnd(9)}  ` +
    `blue ${String(e.score(0)).padStart(3)} : ${String(e.score(1)).padEnd(3)} orange  hash ${hex32(s.hash())}`;
}

/** The pitch as text: one column per unit, one row per two units; players are digits. */
function pitchText(s: Sim): string {
  const e = s.exports;
  const w = Math.ceil(e.fieldWidth() / Q16), h = Math.ceil(e.fieldHeight() / Q16);
  const cols = w + 2, rows = Math.ceil(h / 2);
  const grid = Array.from({ length: rows }, () => Array<string>(cols).fill(' '));
  const goalLo = Math.floor(e.goalLow() / Q16 / 2), goalHi = Math.ceil(e.goalHigh() / Q16 / 2);
  for (let r = 0; r < rows; r++) {
    const inMouth = r >= goalLo && r < goalHi;
    grid[r]![0] = inMouth ? ' ' : '|';
    grid[r]![cols - 1] = inMouth ? ' ' : '|';
  }
  const mem = new Int32Array(e.memory.buffer);
  // Obstacles inside the pitch (the end walls are drawn as the border).
  const boxes = e.boxesPtr() >> 2, words = e.boxWords();
  for (let b = 0; b < e.boxCount(); b++) {
    const [x0, y0, x1, y1] = [0, 1, 2, 3].map((k) => mem[boxes + b * words + k]! / Q16) as [number, number, number, number];
    if (x0 < 0 || x1 > w) continue;
    for (let r = Math.floor(y0 / 2); r < Math.ceil(y1 / 2); r++) {
      for (let c = Math.floor(x0) + 1; c < Math.ceil(x1) + 1; c++) grid[r]![c] = '#';
    }
  }
  const px = e.fieldPointer(Field.PosX) >> 2, py = e.fieldPointer(Field.PosY) >> 2, slot = e.fieldPointer(Field.Slot) >> 2;
  for (let i = 0; i < e.entityHighWater(); i++) {
    const handle = e.entityHandleAt(i);
    if (handle === 0) continue;
    const mask = e.componentMask(handle);
    const c = Math.min(cols - 1, Math.max(0, Math.floor(mem[px + i]! / Q16) + 1));
    const r = Math.min(rows - 1, Math.max(0, Math.floor(mem[py + i]! / Q16 / 2)));
    grid[r]![c] = mask & Component.Player ? String(mem[slot + i]) : mem[slot + i]! > 1 ? 'O' : 'o';
  }
  const edge = '+' + '-'.repeat(cols - 2) + '+';
  return [edge, ...grid.map((row) => row.join('')), edge].join('\n');
}

let lastSecond = -1;
function report(): void {
  if (drawPitch) {
    process.stdout.write('\x1b[H\x1b[2J' + pitchText(sim) + '\n' + statusLine(sim) + '\n');
  } else {
    const second = Math.floor(sim.tick / TICKS_PER_SECOND);
    if (second !== lastSecond && (values.fast ? second % 30 === 0 : true)) console.log(statusLine(sim));
    lastSecond = second;
  }
}

const started = performance.now();
const finish = (): void => {
  const e = sim.exports;
  const s0 = e.score(0), s1 = e.score(1);
  console.log(statusLine(sim));
  console.log(s0 === s1 ? `Draw, ${s0}-${s1}.` : `${s0 > s1 ? 'Blue' : 'Orange'} wins ${Math.max(s0, s1)}-${Math.min(s0, s1)}.`);
  console.log(`${sim.tick} ticks in ${(performance.now() - started).toFixed(0)} ms, sim build ${sim.buildId}, final hash ${hex32(sim.hash())}`);
};

if (values.fast) {
  while (sim.exports.phase() !== Phase.Ended) {
    sim.stepWith([]);
    report();
  }
  finish();
} else {
  // Fixed 60 Hz steps from an accumulator, as the browser loop will do.
  let next = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    while (next <= now && sim.exports.phase() !== Phase.Ended) {
      sim.stepWith([]);
      next += 1000 / TICKS_PER_SECOND;
    }
    if (sim.tick % 6 === 0 || !drawPitch) report();
    if (sim.exports.phase() === Phase.Ended) {
      clearInterval(timer);
      finish();
    }
  }, 1000 / TICKS_PER_SECOND);
  process.on('SIGINT', () => {
    clearInterval(timer);
    finish();
    process.exit(0);
  });
}
