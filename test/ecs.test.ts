// ECS invariants through the wasm ABI, on engine worlds from worldCreate(): generational handles,
// the LIFO free list, capacity limits, component add/remove, queries checked step by step against
// a JS model, and the split between hashed state fields and render-only fields.
// Needs build/tessera.wasm (`npm run build:sim`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadSim, SimAbortError, Component, Field, q, xorshift32, below, arenaCopy, stateHash,
  type SimExports,
} from './support/simTest.ts';
import { diffState, formatStateDiff } from '../host/diffState.ts';

const sim = await loadSim();
const e = sim.exports;

const INDEX_BITS = 20;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
const MAX_GENERATION = 2047;
const ALL = 0b111111;
const BODY = Component.Position | Component.Velocity | Component.Circle;

const indexOf = (h: number): number => h & INDEX_MASK;
const generationOf = (h: number): number => h >>> INDEX_BITS;

function newWorld(ex: SimExports, cap: number, ringSlots = 0): void {
  ex.worldCreate(cap, ringSlots, q(2), 0, 0, q(64), q(64), q(0.5));
}

test('schema: component/field counts, and which components are deterministic state', () => {
  assert.equal(e.componentCount(), 6);
  assert.equal(e.fieldCount(), 15);
  assert.equal(e.stateFieldCount(), 12);
  const expected: Array<[string, number, number]> = [
    ['Position', 0, 1], ['Velocity', 1, 1], ['Circle', 2, 1], ['Player', 3, 1], ['Orb', 4, 1], ['Renderable', 5, 0],
  ];
  for (const [name, bit, inState] of expected) {
    assert.equal((Component as Record<string, number>)[name], 1 << bit, `${name} is component bit ${bit}`);
    assert.equal(e.componentInState(bit), inState, `componentInState(${name})`);
  }
  // Render-only fields sit at or above stateFieldCount().
  for (const name of ['PrevX', 'PrevY', 'Look'] as const) assert.ok(Field[name] >= e.stateFieldCount(), `${name} is render-only`);
  for (const name of ['PosX', 'PosY', 'VelX', 'VelY', 'Radius', 'InvMass', 'Restitution', 'Friction', 'Drag', 'Team', 'Slot', 'Timer'] as const) {
    assert.ok(Field[name] < e.stateFieldCount(), `${name} is state`);
  }
});

test('handles are positive and distinct, and spawn zeroes every field', () => {
  newWorld(e, 16);
  const handles = new Set<number>();
  for (let k = 0; k < 16; k++) {
    const h = e.spawn(k % 2 === 0 ? ALL : BODY);
    assert.ok(Number.isInteger(h) && h > 0, `handle ${h} is a positive i32`);
    assert.equal(e.isAlive(h), 1);
    assert.equal(e.componentMask(h), k % 2 === 0 ? ALL : BODY);
    for (let f = 0; f < e.fieldCount(); f++) assert.equal(e.getField(h, f), 0, `field ${f} of a new entity`);
    handles.add(h);
  }
  assert.equal(handles.size, 16, 'distinct handles');
  assert.equal(e.liveEntities(), 16);
  assert.equal(e.entityHighWater(), 16);
  assert.equal(e.isAlive(0), 0, '0 is never a live handle');
});

test('despawn makes the handle stale: isAlive 0, second despawn 0, field access throws SimAbortError', () => {
  newWorld(e, 8);
  const a = e.spawn(BODY);
  const b = e.spawn(BODY);
  e.setField(b, Field.PosX, 1234);
  assert.equal(e.despawn(a), 1);
  assert.equal(e.isAlive(a), 0);
  assert.equal(e.componentMask(a), 0);
  assert.equal(e.despawn(a), 0, 'despawning a stale handle is rejected');
  assert.equal(e.addComponents(a, Component.Orb), 0);
  assert.equal(e.removeComponents(a, Component.Position), 0);
  assert.equal(e.liveEntities(), 1);
  const before = arenaCopy(e);
  assert.throws(() => e.getField(a, Field.PosX), (err: unknown) => err instanceof SimAbortError && /stale/.test(err.message));
  assert.throws(() => e.setField(a, Field.PosX, 99), (err: unknown) => err instanceof SimAbortError && /stale/.test(err.message));
  assert.throws(() => e.getField(b, e.fieldCount()), (err: unknown) => err instanceof SimAbortError && /field/.test(err.message));
  assert.throws(() => e.getField(b, -1), SimAbortError);
  assert.equal(formatStateDiff(diffState(e, arenaCopy(e), before)), '', 'rejected accesses leave the arena untouched');
  // The instance is still usable after the aborts, and the other entity is intact.
  assert.equal(e.isAlive(b), 1);
  assert.equal(e.getField(b, Field.PosX), 1234);
});

test('a reused slot gets a new generation; the old handle stays stale and cannot touch the new entity', () => {
  newWorld(e, 4);
  const a = e.spawn(BODY);
  e.setField(a, Field.Radius, q(1));
  e.setField(a, Field.Look, 7);
  assert.equal(e.despawn(a), 1);
  const b = e.spawn(Component.Position);
  assert.equal(indexOf(b), indexOf(a), 'the freed slot is reused');
  assert.notEqual(generationOf(b), generationOf(a), 'with a new generation');
  assert.notEqual(b, a);
  assert.equal(e.isAlive(a), 0, 'old handle still stale');
  assert.equal(e.isAlive(b), 1);
  assert.equal(e.getField(b, Field.Radius), 0, 'a reused slot starts zeroed (state field)');
  assert.equal(e.getField(b, Field.Look), 0, 'a reused slot starts zeroed (render field)');
  assert.equal(e.despawn(a), 0, 'the old handle cannot despawn the new occupant');
  assert.equal(e.isAlive(b), 1);
  assert.equal(e.addComponents(a, Component.Orb), 0);
  assert.equal(e.componentMask(b), Component.Position);
});

test('generations keep handles positive and live across many reuses of one slot', () => {
  newWorld(e, 2);
  const keep = e.spawn(BODY);
  let last = 0;
  // Each spawn+despawn bumps the slot's generation twice; 2100 cycles go through the full range.
  for (let k = 0; k < 2100; k++) {
    const h = e.spawn(BODY);
    assert.ok(h > 0, `cycle ${k}: handle ${h} (generation ${generationOf(h)}) must be a positive i32`);
    assert.notEqual(h, last, `cycle ${k}: a reused slot gets a new handle`);
    assert.equal(e.isAlive(h), 1, `cycle ${k}: the new entity (generation ${generationOf(h)}) is alive`);
    assert.ok(generationOf(h) >= 1 && generationOf(h) <= MAX_GENERATION);
    assert.equal(e.despawn(h), 1, `cycle ${k}: despawn`);
    last = h;
  }
  assert.equal(e.liveEntities(), 1);
  assert.equal(e.isAlive(keep), 1);
});

test('the free list is LIFO and deterministic: the same script gives the same handles and hashes in two instances', async () => {
  newWorld(e, 8);
  const hs = [1, 2, 3, 4, 5, 6].map(() => e.spawn(BODY));
  for (const k of [1, 3, 5]) assert.equal(e.despawn(hs[k]!), 1);
  // Last freed, first reused: slots 5, 3, 1, then fresh slots from the high-water mark.
  const again = [0, 1, 2, 3].map(() => e.spawn(Component.Position));
  assert.deepEqual(again.map(indexOf), [5, 3, 1, 6]);
  assert.equal(e.entityHighWater(), 7);

  const other = (await sim.clone()).exports;
  const script = (ex: SimExports): { handles: number[]; hashes: number[] } => {
    newWorld(ex, 32);
    const next = xorshift32(0xabc);
    const live: number[] = [];
    const handles: number[] = [];
    const hashes: number[] = [];
    for (let step = 0; step < 400; step++) {
      if (live.length > 0 && below(next, 3) === 0) {
        const [h] = live.splice(below(next, live.length), 1);
        ex.despawn(h!);
      } else {
        const h = ex.spawn(below(next, 64));
        handles.push(h);
        if (h !== 0) {
          live.push(h);
          ex.setField(h, Field.PosX, next() | 0);
        }
      }
      hashes.push(ex.stateHash() >>> 0);
    }
    return { handles, hashes };
  };
  const a = script(e);
  const b = script(other);
  assert.deepEqual(b.handles, a.handles, 'same handles in both instances');
  assert.deepEqual(b.hashes, a.hashes, 'same state hash after every operation');
  assert.ok(a.handles.includes(0), 'the script reached the capacity limit at least once');
});

test('capacity exhaustion returns 0 and changes nothing; a freed slot makes room again', () => {
  const cap = 8;
  newWorld(e, cap, 2);
  const hs: number[] = [];
  for (let k = 0; k < cap; k++) {
    const h = e.spawn(BODY | Component.Renderable);
    assert.ok(h > 0);
    for (let f = 0; f < e.fieldCount(); f++) e.setField(h, f, 1000 * k + f + 1);
    hs.push(h);
  }
  const bytes = arenaCopy(e);
  const hash = stateHash(e);
  for (let attempt = 0; attempt < 3; attempt++) assert.equal(e.spawn(BODY), 0, 'spawn on a full world returns INVALID (0)');
  assert.equal(stateHash(e), hash, 'hash unchanged by the failed spawns');
  assert.equal(formatStateDiff(diffState(e, arenaCopy(e), bytes)), '', 'arena bytes unchanged by the failed spawns');
  assert.equal(e.liveEntities(), cap);
  assert.equal(e.entityHighWater(), cap);
  hs.forEach((h, k) => {
    assert.equal(e.isAlive(h), 1);
    assert.equal(e.componentMask(h), BODY | Component.Renderable);
    for (let f = 0; f < e.fieldCount(); f++) assert.equal(e.getField(h, f), 1000 * k + f + 1, `entity ${k} field ${f} intact`);
  });
  assert.equal(e.despawn(hs[4]!), 1);
  const again = e.spawn(Component.Orb);
  assert.equal(indexOf(again), indexOf(hs[4]!), 'the freed slot is reused');
  assert.equal(e.spawn(Component.Orb), 0, 'full again');
});

test('addComponents zeroes only the new components\' fields; removeComponents keeps the rest', () => {
  newWorld(e, 4);
  const h = e.spawn(Component.Position);
  e.setField(h, Field.PosX, 111);
  e.setField(h, Field.PosY, 222);
  // Garbage in fields of components the entity does not have yet.
  e.setField(h, Field.VelX, 333);
  e.setField(h, Field.VelY, 444);
  for (let f = Field.Radius; f <= Field.Drag; f++) e.setField(h, f, 555 + f);
  e.setField(h, Field.Team, 666);

  assert.equal(e.addComponents(h, Component.Position | Component.Velocity), 1);
  assert.equal(e.componentMask(h), Component.Position | Component.Velocity);
  assert.equal(e.getField(h, Field.PosX), 111, 'a component it already had keeps its fields');
  assert.equal(e.getField(h, Field.PosY), 222);
  assert.equal(e.getField(h, Field.VelX), 0, 'new component fields start at zero');
  assert.equal(e.getField(h, Field.VelY), 0);
  assert.equal(e.getField(h, Field.Radius), 555 + Field.Radius, 'fields of components not added are untouched');
  assert.equal(e.getField(h, Field.Team), 666);

  e.setField(h, Field.VelX, 7);
  assert.equal(e.addComponents(h, Component.Circle | Component.Player), 1);
  for (let f = Field.Radius; f <= Field.Timer; f++) assert.equal(e.getField(h, f), 0, `field ${f} zeroed by the add`);
  assert.equal(e.getField(h, Field.VelX), 7);

  e.setField(h, Field.Radius, q(1));
  assert.equal(e.removeComponents(h, Component.Velocity | Component.Player), 1);
  assert.equal(e.componentMask(h), Component.Position | Component.Circle);
  assert.equal(e.isAlive(h), 1, 'removing components never kills');
  assert.equal(e.getField(h, Field.PosX), 111, 'remaining components keep their fields');
  assert.equal(e.getField(h, Field.Radius), q(1));

  // Removing everything (even with the sign bit, which the sim uses internally for "alive").
  assert.equal(e.removeComponents(h, 0xffffffff), 1);
  assert.equal(e.isAlive(h), 1, 'an entity with no components is still alive');
  assert.equal(e.componentMask(h), 0);
  assert.equal(e.queryCount(0), 1);
  assert.equal(e.queryCount(Component.Position), 0);
});

/** JS model of the entity table: slots, generations, LIFO free list, masks. */
class EcsModel {
  readonly gen: number[] = [];
  readonly mask: number[] = [];
  readonly alive: boolean[] = [];
  readonly free: number[] = [];
  highWater = 0;
  constructor(readonly cap: number) {}

  isAlive(h: number): boolean {
    const i = indexOf(h);
    return h > 0 && i < this.highWater && this.alive[i] === true && this.gen[i] === generationOf(h);
  }
  spawn(m: number): number {
    let i: number;
    if (this.free.length > 0) i = this.free.pop()!;
    else if (this.highWater < this.cap) i = this.highWater++;
    else return 0;
    this.gen[i] = ((this.gen[i] ?? 0) % MAX_GENERATION) + 1;
    this.alive[i] = true;
    this.mask[i] = m;
    return (this.gen[i]! << INDEX_BITS) | i;
  }
  despawn(h: number): boolean {
    if (!this.isAlive(h)) return false;
    const i = indexOf(h);
    this.alive[i] = false;
    this.mask[i] = 0;
    this.gen[i] = (this.gen[i]! % MAX_GENERATION) + 1;
    this.free.push(i);
    return true;
  }
  add(h: number, m: number): boolean {
    if (!this.isAlive(h)) return false;
    this.mask[indexOf(h)]! |= m;
    return true;
  }
  remove(h: number, m: number): boolean {
    if (!this.isAlive(h)) return false;
    this.mask[indexOf(h)]! &= ~m;
    return true;
  }
  maskOf(h: number): number {
    return this.isAlive(h) ? this.mask[indexOf(h)]! : 0;
  }
  live(): number {
    return this.alive.filter(Boolean).length;
  }
  query(required: number): number {
    let n = 0;
    for (let i = 0; i < this.highWater; i++) if (this.alive[i] && (this.mask[i]! & required) === required) n++;
    return n;
  }
}

test('queryCount, masks, liveness and handles match a JS model over a random script', async () => {
  const cap = 48;
  const other = (await sim.clone()).exports;
  newWorld(e, cap);
  newWorld(other, cap);
  const model = new EcsModel(cap);
  const next = xorshift32(0x5eed);
  const issued: number[] = [];
  const junk = [0, -1, -(1 << 20), 0x7fffffff, (1 << 20) | (cap + 3), (1 << 20) | INDEX_MASK];
  const pick = (): number =>
    below(next, 20) === 0 ? junk[below(next, junk.length)]! : issued.length > 0 ? issued[issued.length - 1 - below(next, Math.min(issued.length, 64))]! : 0;
  let spawned = 0, refused = 0, despawned = 0, staleRejected = 0;

  for (let step = 0; step < 3000; step++) {
    const op = below(next, 100);
    // Bias toward spawning while the world is sparse, toward despawning when it is nearly full.
    const fill = model.live() / cap;
    let what: string;
    if (op < 45 * (1.2 - fill)) {
      const m = below(next, 64);
      what = `spawn(${m})`;
      const h = e.spawn(m);
      assert.equal(other.spawn(m), h);
      assert.equal(h, model.spawn(m), `step ${step}: ${what} handle`);
      if (h === 0) refused++; else { spawned++; issued.push(h); }
    } else if (op < 70) {
      const h = pick();
      what = `despawn(${h})`;
      const r = e.despawn(h);
      assert.equal(other.despawn(h), r);
      assert.equal(r === 1, model.despawn(h), `step ${step}: ${what}`);
      if (r === 1) despawned++; else staleRejected++;
    } else if (op < 85) {
      const h = pick(), m = below(next, 64);
      what = `addComponents(${h}, ${m})`;
      const r = e.addComponents(h, m);
      assert.equal(other.addComponents(h, m), r);
      assert.equal(r === 1, model.add(h, m), `step ${step}: ${what}`);
    } else {
      const h = pick(), m = below(next, 64) | (below(next, 4) === 0 ? 0x80000000 : 0);
      what = `removeComponents(${h}, ${m})`;
      const r = e.removeComponents(h, m);
      assert.equal(other.removeComponents(h, m), r);
      assert.equal(r === 1, model.remove(h, m & ALL), `step ${step}: ${what}`);
    }
    assert.equal(e.liveEntities(), model.live(), `step ${step} after ${what}: liveEntities`);
    assert.equal(e.entityHighWater(), model.highWater, `step ${step} after ${what}: high water`);
    for (let required = 0; required <= ALL; required++) {
      assert.equal(e.queryCount(required), model.query(required), `step ${step} after ${what}: queryCount(${required})`);
    }
    for (let k = Math.max(0, issued.length - 80); k < issued.length; k++) {
      const h = issued[k]!;
      assert.equal(e.isAlive(h), model.isAlive(h) ? 1 : 0, `step ${step} after ${what}: isAlive(${h})`);
      assert.equal(e.componentMask(h), model.maskOf(h), `step ${step} after ${what}: componentMask(${h})`);
    }
    assert.equal(other.stateHash(), e.stateHash(), `step ${step} after ${what}: the two instances agree on the state hash`);
  }
  // The script must have exercised every path.
  assert.ok(spawned > 400 && refused > 5 && despawned > 300 && staleRejected > 100,
    `coverage: spawned ${spawned}, refused ${refused}, despawned ${despawned}, stale rejected ${staleRejected}`);
});

test('render-only fields do not change stateHash; every state field does', () => {
  newWorld(e, 4, 2);
  const h = e.spawn(ALL);
  for (let f = 0; f < e.fieldCount(); f++) e.setField(h, f, 10 + f);
  const h0 = stateHash(e);
  const bytes = arenaCopy(e);
  for (let f = e.stateFieldCount(); f < e.fieldCount(); f++) {
    e.setField(h, f, 0x5a5a5a5a);
    assert.equal(stateHash(e), h0, `writing render-only field ${f} must not change the hash`);
    assert.equal(formatStateDiff(diffState(e, arenaCopy(e), bytes)), '', `render-only field ${f} lives outside the arena`);
  }
  for (let f = 0; f < e.stateFieldCount(); f++) {
    e.setField(h, f, 0x5a5a5a5a);
    assert.notEqual(stateHash(e), h0, `writing state field ${f} must change the hash`);
    e.setField(h, f, 10 + f);
    assert.equal(stateHash(e), h0, `restoring state field ${f} restores the hash`);
  }
  // Drawing (matrices in the render region) is outside the state too.
  e.renderWrite(32768);
  assert.equal(stateHash(e), h0, 'renderWrite leaves the state hash alone');
  // Snapshot/restore bring back state fields but never touch render-only ones.
  e.snapshot();
  e.setField(h, Field.PosX, -5);
  e.setField(h, Field.Look, 42);
  assert.equal(e.restore(e.tick()), 1);
  assert.equal(e.getField(h, Field.PosX), 10 + Field.PosX);
  assert.equal(e.getField(h, Field.Look), 42);
});

test('worldCreate with bad arguments throws SimAbortError with a message and keeps the current world', () => {
  newWorld(e, 4);
  const h = e.spawn(BODY);
  e.setField(h, Field.PosX, 4242);
  const hash = stateHash(e);
  const bad: Array<[string, number[], RegExp]> = [
    ['capacity 0', [0, 0, q(2), 0, 0, q(10), q(10), q(0.5)], /capacity/],
    ['negative capacity', [-5, 0, q(2), 0, 0, q(10), q(10), q(0.5)], /capacity/],
    ['capacity over 2^20', [(1 << 20) + 1, 0, q(2), 0, 0, q(10), q(10), q(0.5)], /capacity/],
    ['empty x bounds', [4, 0, q(2), q(5), 0, q(5), q(10), q(0.5)], /bounds/],
    ['inverted y bounds', [4, 0, q(2), 0, q(10), q(10), q(3), q(0.5)], /bounds/],
    ['ring too large', [4, 257, q(2), 0, 0, q(10), q(10), q(0.5)], /ring/],
    ['negative ring', [4, -1, q(2), 0, 0, q(10), q(10), q(0.5)], /ring/],
    ['zero cell size', [4, 0, 0, 0, 0, q(10), q(10), q(0.5)], /cell/],
    ['grid too fine', [4, 0, 1, 0, 0, q(10000), q(10000), q(0.5)], /grid/],
  ];
  for (const [what, args, message] of bad) {
    const [cap, ring, cell, x0, y0, x1, y1, speed] = args as [number, number, number, number, number, number, number, number];
    assert.throws(
      () => e.worldCreate(cap, ring, cell, x0, y0, x1, y1, speed),
      (err: unknown) => err instanceof SimAbortError && message.test(err.message) && err.message.length > 10,
      `worldCreate with ${what}`,
    );
    assert.equal(stateHash(e), hash, `the current world survives a rejected worldCreate (${what})`);
    assert.equal(e.getField(h, Field.PosX), 4242);
  }
  assert.throws(() => e.snapshot(), (err: unknown) => err instanceof SimAbortError && /ring/.test(err.message),
    'snapshot on a world without a ring');
  // Still fully usable afterwards.
  newWorld(e, 2);
  assert.ok(e.spawn(BODY) > 0);
});
