// Physics properties of engine worlds (worldCreate / spawn / setField / physicsTick): energy in
// the elastic ARENA.md workload, overlap, bounds, no tunnelling at the speed cap, momentum and
// restitution in two-body collisions, and friction against a static box.
// Units: positions Q16.16; velocities Q16.16 units per tick; InvMass Q16.16 (65536 = mass 1);
// Restitution / Friction Q16.16 (65536 = 1.0).
// Needs build/tessera.wasm (`npm run build:sim`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSim, Component, Field, ONE, q, f, mulberry32, fieldView, type SimExports } from './support/simTest.ts';

const sim = await loadSim();
const e = sim.exports;

const BODY = Component.Position | Component.Velocity | Component.Circle;

interface Body {
  x: number; y: number; vx: number; vy: number; r: number;
  invMass?: number; restitution?: number; friction?: number;
}

/** Spawn a circle; every argument is raw Q16.16. */
function addBody(ex: SimExports, b: Body): number {
  const h = ex.spawn(BODY);
  assert.ok(h > 0, 'spawn');
  ex.setField(h, Field.PosX, b.x);
  ex.setField(h, Field.PosY, b.y);
  ex.setField(h, Field.VelX, b.vx);
  ex.setField(h, Field.VelY, b.vy);
  ex.setField(h, Field.Radius, b.r);
  ex.setField(h, Field.InvMass, b.invMass ?? ONE);
  ex.setField(h, Field.Restitution, b.restitution ?? ONE);
  ex.setField(h, Field.Friction, b.friction ?? 0);
  return h;
}

// ---- the ARENA.md workload, N = 1000 ------------------------------------------------------------

const N = 1000;
const R = 1;
const L = Math.sqrt((N * Math.PI * R * R) / 0.25);
const TICK_RATE = 60;
/** Speed cap of the arena world: below the radius, far above the workload's speeds (≤ 0.12 u/tick). */
const ARENA_CAP = q(0.5);
/** Allowed overlap of any two circles after the run. */
const MAX_PENETRATION = 0.05 * R;
/**
 * Allowed overlap at any tick during the run: one Gauss-Seidel pass per tick can leave a transient
 * residue where several bodies pile up (measured worst ≈ 0.058 u at tick 451 of this workload).
 */
const MAX_TRANSIENT_PENETRATION = 0.1 * R;

function buildArena(ex: SimExports): void {
  ex.worldCreate(N, 0, q(2 * R), 0, 0, q(L), q(L), ARENA_CAP);
  const cols = Math.ceil(Math.sqrt(N));
  const cell = L / cols;
  const jitter = 0.45 * (cell - 2 * R);
  const random = mulberry32(42);
  for (let i = 0; i < N; i++) {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const jx = random(), jy = random(), ux = random(), uy = random();
    addBody(ex, {
      x: q((col + 0.5) * cell + (2 * jx - 1) * jitter),
      y: q((row + 0.5) * cell + (2 * jy - 1) * jitter),
      vx: q((-5 + 10 * ux) / TICK_RATE),
      vy: q((-5 + 10 * uy) / TICK_RATE),
      r: q(R),
    });
  }
}

/** Σ vx² + vy² over the first n slots (raw units; the masses are all 1). */
function kinetic(ex: SimExports, n: number): number {
  const vx = fieldView(ex, Field.VelX, n), vy = fieldView(ex, Field.VelY, n);
  let s = 0;
  for (let i = 0; i < n; i++) s += vx[i]! * vx[i]! + vy[i]! * vy[i]!;
  return s;
}

/** Largest overlap (in units) over all pairs of the first n circles, checked exhaustively. */
function maxPenetration(ex: SimExports, n: number): { max: number; pairs: number } {
  const px = fieldView(ex, Field.PosX, n), py = fieldView(ex, Field.PosY, n), pr = fieldView(ex, Field.Radius, n);
  let max = 0, pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const rs = (pr[i]! + pr[j]!) / ONE;
      const dx = (px[j]! - px[i]!) / ONE, dy = (py[j]! - py[i]!) / ONE;
      if (Math.abs(dx) >= rs || Math.abs(dy) >= rs) continue;
      const pen = rs - Math.hypot(dx, dy);
      if (pen > 0) {
        pairs++;
        if (pen > max) max = pen;
      }
    }
  }
  return { max, pairs };
}

/** Largest overlap of the first n circles via sort-and-sweep on x (same result, for every tick). */
function sweepPenetration(ex: SimExports, n: number): number {
  const px = fieldView(ex, Field.PosX, n), py = fieldView(ex, Field.PosY, n), pr = fieldView(ex, Field.Radius, n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => px[a]! - px[b]!);
  let maxR = 0;
  for (let i = 0; i < n; i++) maxR = Math.max(maxR, pr[i]!);
  let max = 0;
  for (let a = 0; a < n; a++) {
    const i = order[a]!;
    for (let b = a + 1; b < n; b++) {
      const j = order[b]!;
      const dx = (px[j]! - px[i]!) / ONE;
      if (dx >= (pr[i]! + maxR) / ONE) break;
      const rs = (pr[i]! + pr[j]!) / ONE;
      const dy = (py[j]! - py[i]!) / ONE;
      if (dx >= rs || Math.abs(dy) >= rs) continue;
      max = Math.max(max, rs - Math.hypot(dx, dy));
    }
  }
  return max;
}

/** Every centre within [min + r, max − r] on both axes; returns a description of the first escape. */
function findEscape(ex: SimExports, n: number, minX: number, minY: number, maxX: number, maxY: number): string | null {
  const px = fieldView(ex, Field.PosX, n), py = fieldView(ex, Field.PosY, n), pr = fieldView(ex, Field.Radius, n);
  for (let i = 0; i < n; i++) {
    const x = px[i]!, y = py[i]!, r = pr[i]!;
    if (x < minX + r || x > maxX - r || y < minY + r || y > maxY - r) {
      return `body ${i} at (${f(x)}, ${f(y)}) r ${f(r)} outside [${f(minX + r)}, ${f(maxX - r)}] × [${f(minY + r)}, ${f(maxY - r)}]`;
    }
  }
  return null;
}

test('arena (ARENA.md, N = 1000): elastic, no escapes, little overlap over 660 ticks', (t) => {
  buildArena(e);
  const k0 = kinetic(e, N);
  assert.ok(k0 > 0);
  const initial = maxPenetration(e, N);
  assert.equal(initial.pairs, 0, 'the initial state has no overlaps');
  let lo = 1, hi = 1, worstPen = 0, worstTick = 0;
  const wallMax = q(L);
  for (let tick = 1; tick <= 660; tick++) {
    e.physicsTick();
    const ratio = kinetic(e, N) / k0;
    lo = Math.min(lo, ratio);
    hi = Math.max(hi, ratio);
    const escape = findEscape(e, N, 0, 0, wallMax, wallMax);
    assert.equal(escape, null, `tick ${tick}: ${escape}`);
    const pen = sweepPenetration(e, N);
    if (pen > worstPen) { worstPen = pen; worstTick = tick; }
  }
  assert.equal(e.tick(), 660);
  const ratio = kinetic(e, N) / k0;
  const final = maxPenetration(e, N);
  t.diagnostic(`kinetic energy ratio after 660 ticks ${ratio.toFixed(6)} (range over the run ${lo.toFixed(6)}..${hi.toFixed(6)})`);
  t.diagnostic(`max penetration after the run ${final.max.toExponential(3)} u over ${final.pairs} pairs; worst at any tick ${worstPen.toExponential(3)} u (tick ${worstTick})`);
  assert.ok(ratio >= 0.99 && ratio <= 1.01, `kinetic energy ratio ${ratio} must stay within [0.99, 1.01]`);
  assert.ok(lo >= 0.99 && hi <= 1.01, `kinetic energy ratio ranged ${lo}..${hi} during the run`);
  assert.ok(final.max <= MAX_PENETRATION, `max penetration ${final.max} u must be ≤ ${MAX_PENETRATION} u (0.05 r)`);
  assert.ok(worstPen <= MAX_TRANSIENT_PENETRATION, `max penetration during the run ${worstPen} u (tick ${worstTick}) must be ≤ ${MAX_TRANSIENT_PENETRATION} u (0.1 r)`);
  // The run did something: bodies collided and moved.
  assert.notEqual(kinetic(e, N), k0);
});

test('bounds hold at every tick for bodies at (and above) the speed cap, for any wall restitution', () => {
  const size = q(20), cap = q(0.9), r = q(1);
  for (const wallE of [ONE, q(0.5), 0]) {
    e.worldCreate(32, 0, q(2), 0, 0, size, size, cap);
    e.worldSetWallRestitution(wallE);
    const c = q(10);
    // Straight at each wall at exactly the cap, and far above it (the cap must clamp it).
    for (const [vx, vy, y] of [[cap, 0, q(3)], [-cap, 0, q(6)], [50 * cap, 0, q(9)], [-50 * cap, 0, q(12)]] as const) {
      addBody(e, { x: c, y, vx, vy, r });
    }
    for (const [vx, vy, x] of [[0, cap, q(3)], [0, -cap, q(6)], [0, 50 * cap, q(14)], [0, -50 * cap, q(17)]] as const) {
      addBody(e, { x, y: c + q(0.5), vx, vy, r });
    }
    // Into the corners, diagonally at the cap.
    const d = q(0.9 / Math.SQRT2);
    for (const [sx, sy] of [[1, 1], [-1, 1], [1, -1], [-1, -1]] as const) {
      addBody(e, { x: c + sx * q(4), y: c + sy * q(4), vx: sx * d, vy: sy * d, r });
    }
    // A train of bodies pushing the first one into the right wall.
    for (let k = 0; k < 4; k++) addBody(e, { x: q(12) + k * q(2.01), y: q(15.5), vx: cap, vy: 0, r, invMass: k === 0 ? ONE : ONE >> 2 });
    const n = e.entityHighWater();
    for (let tick = 1; tick <= 300; tick++) {
      e.physicsTick();
      const escape = findEscape(e, n, 0, 0, size, size);
      assert.equal(escape, null, `wall restitution ${f(wallE)}, tick ${tick}: ${escape}`);
    }
  }
});

test('no tunnelling through a thin static box at the speed cap', () => {
  const cap = q(0.45), r = q(0.5);
  const bx0 = q(20), bx1 = q(20) + q(1 / 16); // 1/16 u thick: far thinner than one tick's move
  for (const boxE of [ONE, 0]) {
    e.worldCreate(64, 0, q(1), 0, 0, q(40), q(30), cap);
    e.worldAddBox(bx0, 0, bx1, q(30), boxE, 0);
    // Lanes 1.2 u apart (no circle contacts), each with its own sub-tick phase and angle.
    const lanes: number[] = [];
    for (let k = 0; k < 22; k++) {
      const y = q(1 + 1.2 * k);
      const phase = Math.round((k * cap) / 22);
      // Straight, slightly angled, and far above the cap (clamped to it).
      const vx = k % 3 === 2 ? 40 * cap : k % 3 === 1 ? q(0.44) : cap;
      const vy = k % 3 === 1 ? q(0.02) * (k % 2 === 0 ? 1 : -1) : 0;
      lanes.push(addBody(e, { x: q(17) + phase, y, vx, vy, r, restitution: boxE }));
    }
    const n = e.entityHighWater();
    const px = (): Int32Array => fieldView(e, Field.PosX, n);
    const reached = new Set<number>();
    for (let tick = 1; tick <= 240; tick++) {
      e.physicsTick();
      const xs = px();
      for (let i = 0; i < n; i++) {
        const x = xs[i]!;
        assert.ok(x < bx0, `box restitution ${f(boxE)}, tick ${tick}: body ${i} centre ${f(x)} reached the box at ${f(bx0)}`);
        assert.ok(x <= bx0 - r + 2, `box restitution ${f(boxE)}, tick ${tick}: body ${i} left inside the box (x ${f(x)}, face ${f(bx0)})`);
        if (x >= bx0 - r - q(0.01)) reached.add(i);
      }
    }
    assert.equal(reached.size, lanes.length, 'every body must actually reach the box');
  }
});

test('no tunnelling between two circles fired at each other at the speed cap', () => {
  const cap = q(0.45), r = q(0.5);
  e.worldCreate(64, 0, q(1), 0, 0, q(60), q(60), cap);
  // Pairs in separate lanes (2 u apart), each at its own sub-tick phase; some far above the cap,
  // some with unequal masses, one against a body at rest.
  const pairs: Array<[number, number]> = [];
  for (let k = 0; k < 24; k++) {
    const y = q(2 + 2.3 * k);
    const gap = q(6) + Math.round((k * 2 * cap) / 24);
    const fast = k % 4 === 3 ? 30 * cap : cap;
    const a = addBody(e, { x: q(20), y, vx: fast, vy: 0, r, invMass: k % 3 === 1 ? ONE >> 2 : ONE });
    const b = addBody(e, { x: q(20) + gap, y, vx: k === 5 ? 0 : -fast, vy: 0, r });
    pairs.push([a, b]);
  }
  const met = new Set<number>();
  for (let tick = 1; tick <= 60; tick++) {
    e.physicsTick();
    for (const [a, b] of pairs) {
      const xa = e.getField(a, Field.PosX), xb = e.getField(b, Field.PosX);
      assert.ok(xa < xb, `tick ${tick}: circles ${a} and ${b} passed through each other (${f(xa)} vs ${f(xb)})`);
      assert.ok(xb - xa >= 2 * r - q(0.01), `tick ${tick}: circles ${a}, ${b} left overlapping by ${f(2 * r - (xb - xa))}`);
      if (xb - xa <= 2 * r + q(0.01)) met.add(a);
    }
  }
  assert.equal(met.size, pairs.length, 'every pair must meet');
});

/** Two-body world far from any wall. */
function twoBodies(a: Body, b: Body): [number, number] {
  e.worldCreate(4, 0, q(4), 0, 0, q(100), q(100), q(0.9));
  return [addBody(e, a), addBody(e, b)];
}

function momentum(hs: number[]): [number, number] {
  let px = 0, py = 0;
  for (const h of hs) {
    const m = ONE / e.getField(h, Field.InvMass);
    px += m * e.getField(h, Field.VelX);
    py += m * e.getField(h, Field.VelY);
  }
  return [px, py];
}

function energy(hs: number[]): number {
  let k = 0;
  for (const h of hs) {
    const m = ONE / e.getField(h, Field.InvMass);
    k += m * (e.getField(h, Field.VelX) ** 2 + e.getField(h, Field.VelY) ** 2);
  }
  return k;
}

test('elastic two-body collisions with unequal masses conserve momentum and energy', () => {
  const cases: Array<{ what: string; a: Body; b: Body }> = [
    { what: 'head-on', a: { x: q(40), y: q(50), vx: q(0.3), vy: 0, r: q(1) }, b: { x: q(46), y: q(50), vx: q(-0.1), vy: 0, r: q(1), invMass: ONE / 4 } },
    { what: 'oblique', a: { x: q(40), y: q(50), vx: q(0.3), vy: q(0.05), r: q(1) }, b: { x: q(46), y: q(50.9), vx: q(-0.1), vy: q(-0.02), r: q(1.5), invMass: ONE / 4 } },
    { what: 'moving into a body at rest', a: { x: q(40), y: q(50), vx: q(0.25), vy: q(-0.07), r: q(0.8), invMass: ONE / 2 }, b: { x: q(44), y: q(49.3), vx: 0, vy: 0, r: q(1), invMass: ONE * 2 } },
  ];
  for (const { what, a, b } of cases) {
    const hs = twoBodies(a, b);
    const [p0x, p0y] = momentum(hs);
    const k0 = energy(hs);
    const v0 = [e.getField(hs[0], Field.VelX), e.getField(hs[1], Field.VelX)];
    for (let tick = 0; tick < 40; tick++) e.physicsTick();
    const [p1x, p1y] = momentum(hs);
    const v1 = [e.getField(hs[0], Field.VelX), e.getField(hs[1], Field.VelX)];
    assert.notDeepEqual(v1, v0, `${what}: the bodies must have collided`);
    // Each impulse rounds each velocity component by ≤ 0.5 raw; ×mass (≤ 4) and a few contacts.
    const tol = 8;
    assert.ok(Math.abs(p1x - p0x) <= tol && Math.abs(p1y - p0y) <= tol,
      `${what}: momentum (${p0x}, ${p0y}) → (${p1x}, ${p1y}) raw, allowed ±${tol}`);
    const k1 = energy(hs);
    assert.ok(Math.abs(k1 / k0 - 1) < 1e-3, `${what}: kinetic energy ratio ${k1 / k0}`);
  }
  // Head-on, the 1-D elastic formulas: v1' = ((m1−m2)v1 + 2 m2 v2)/(m1+m2), v2' = ((m2−m1)v2 + 2 m1 v1)/(m1+m2).
  const [a, b] = twoBodies(
    { x: q(40), y: q(50), vx: q(0.3), vy: 0, r: q(1) },
    { x: q(46), y: q(50), vx: q(-0.1), vy: 0, r: q(1), invMass: ONE / 4 },
  );
  for (let tick = 0; tick < 40; tick++) e.physicsTick();
  const m1 = 1, m2 = 4, u1 = q(0.3), u2 = q(-0.1);
  const want1 = ((m1 - m2) * u1 + 2 * m2 * u2) / (m1 + m2);
  const want2 = ((m2 - m1) * u2 + 2 * m1 * u1) / (m1 + m2);
  assert.ok(Math.abs(e.getField(a, Field.VelX) - want1) <= 3, `light body: ${e.getField(a, Field.VelX)} vs ${want1}`);
  assert.ok(Math.abs(e.getField(b, Field.VelX) - want2) <= 3, `heavy body: ${e.getField(b, Field.VelX)} vs ${want2}`);
  assert.equal(e.getField(a, Field.VelY), 0);
  assert.equal(e.getField(b, Field.VelY), 0);
});

test('restitution 0 stops the normal relative velocity and still conserves momentum', () => {
  for (const oblique of [false, true]) {
    const what = oblique ? 'oblique' : 'head-on';
    const hs = twoBodies(
      { x: q(40), y: q(50), vx: q(0.3), vy: 0, r: q(1), restitution: 0 },
      { x: q(46), y: q(oblique ? 50.7 : 50), vx: q(-0.1), vy: 0, r: q(1), invMass: ONE / 4, restitution: 0 },
    );
    const [p0x, p0y] = momentum(hs);
    /** Relative velocity of b w.r.t. a along the line of centres (raw units per tick) and the distance. */
    const normal = (): { vn: number; d: number } => {
      const dx = e.getField(hs[1], Field.PosX) - e.getField(hs[0], Field.PosX);
      const dy = e.getField(hs[1], Field.PosY) - e.getField(hs[0], Field.PosY);
      const d = Math.hypot(dx, dy);
      const rvx = e.getField(hs[1], Field.VelX) - e.getField(hs[0], Field.VelX);
      const rvy = e.getField(hs[1], Field.VelY) - e.getField(hs[0], Field.VelY);
      return { vn: (rvx * dx + rvy * dy) / d, d };
    };
    let contactTick = -1;
    for (let tick = 0; tick < 40; tick++) {
      const before = normal();
      const vBefore = hs.map((h) => e.getField(h, Field.VelX) + ',' + e.getField(h, Field.VelY)).join(';');
      e.physicsTick();
      const after = normal();
      const vAfter = hs.map((h) => e.getField(h, Field.VelX) + ',' + e.getField(h, Field.VelY)).join(';');
      if (contactTick < 0 && vAfter !== vBefore) {
        // The tick of impact (only a contact changes velocities here: no walls near, no drag).
        contactTick = tick;
        assert.ok(before.vn < -q(0.1), `${what}: approaching before the impact (vn ${before.vn})`);
        assert.ok(Math.abs(after.vn) <= 3, `${what}: normal relative velocity ${after.vn} raw right after a perfectly inelastic impact`);
        assert.ok(after.d >= q(2) - 4, `${what}: separated to touching distance (${f(after.d)})`);
      }
    }
    assert.ok(contactTick >= 0, `${what}: the bodies met`);
    assert.ok(normal().vn >= -3, `${what}: and never approach again`);
    const [p1x, p1y] = momentum(hs);
    assert.ok(Math.abs(p1x - p0x) <= 8 && Math.abs(p1y - p0y) <= 8, `${what}: momentum (${p0x}, ${p0y}) → (${p1x}, ${p1y})`);
    if (!oblique) {
      const common = (q(0.3) + 4 * q(-0.1)) / 5;
      for (const h of hs) assert.ok(Math.abs(e.getField(h, Field.VelX) - common) <= 3, `both move at the common velocity ${common}`);
    }
  }
});

test('friction against a static box slows a sliding circle; without friction it keeps its tangential speed', () => {
  const run = (mu: number): number[] => {
    e.worldCreate(4, 0, q(4), 0, 0, q(100), q(50), q(0.9));
    e.worldAddBox(0, 0, q(100), q(2), 0, mu); // a floor, inelastic
    const h = addBody(e, { x: q(10), y: q(3), vx: q(0.2), vy: 0, r: q(1), restitution: 0, friction: mu });
    const gravity = q(0.01);
    const vxs: number[] = [];
    for (let tick = 0; tick < 60; tick++) {
      e.setField(h, Field.VelY, e.getField(h, Field.VelY) - gravity); // the host pushes it onto the floor
      e.physicsTick();
      vxs.push(e.getField(h, Field.VelX));
      const y = e.getField(h, Field.PosY);
      assert.ok(Math.abs(y - q(3)) <= 2, `mu ${f(mu)}, tick ${tick}: the circle rests on the floor (y ${f(y)})`);
    }
    return vxs;
  };
  const frictionless = run(0);
  assert.ok(frictionless.every((v) => v === q(0.2)), `without friction vx stays ${q(0.2)}: ${frictionless.slice(0, 5).join(', ')}…`);
  const rough = run(q(0.5));
  for (let k = 1; k < rough.length; k++) assert.ok(rough[k]! <= rough[k - 1]!, `friction never speeds it up (tick ${k})`);
  assert.ok(rough.every((v) => v >= 0), 'friction never reverses the slide');
  assert.ok(rough[0]! < q(0.2), 'friction acts from the first contact');
  assert.ok(rough[9]! < q(0.2) - q(0.04), `friction slows it steadily (vx after 10 ticks ${f(rough[9]!)})`);
  assert.equal(rough[rough.length - 1], 0, 'and eventually stops it (0.2 u/tick at ≤ 0.005 u/tick² per tick)');
});
