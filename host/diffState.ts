// Which parts of the state differ between two copies of the arena, by name: header words, entity
// table entries, component fields per entity slot, static boxes and game words. A desync report
// that says "tick 812: slot 17 PosX 1234567 vs 1234570" points at the cause; "hash mismatch" does not.
// The layout comes from the live module's pointers, so it follows the arena as built.

import { type SimExports, Field, headerWordNames, gameWordRanges } from './SimExports.ts';

export interface StateDifference {
  region: 'header' | 'entities' | 'field' | 'box' | 'game' | 'length';
  /** Word name: a header word, `generation`/`mask`/`freeLink`, a field, `box.word`, a game word. */
  name: string;
  /** Entity slot, box number or element index, where the region has them. */
  index?: number;
  a: number;
  b: number;
}

const fieldNames = Object.fromEntries(Object.entries(Field).map(([name, id]) => [id, name])) as Record<number, string>;
const entityColumns = ['generation', 'mask', 'freeLink'] as const;
const boxWordNames = ['minX', 'minY', 'maxX', 'maxY', 'restitution', 'friction', 'reserved6', 'reserved7'];

/** Every differing i32 word of two arena copies taken from this module (at most `limit`). */
export function diffState(e: SimExports, a: Uint8Array, b: Uint8Array, limit = 50): StateDifference[] {
  if (a.length !== b.length) return [{ region: 'length', name: 'arenaBytes', a: a.length, b: b.length }];
  const wa = new Int32Array(a.buffer, a.byteOffset, a.length >> 2);
  const wb = new Int32Array(b.buffer, b.byteOffset, b.length >> 2);
  const arena = e.stateArenaPtr();
  const cap = e.entityCapacity();
  const entityStart = (e.fieldPointer(0) - arena - 3 * 4 * cap) >> 2; // the entity table sits just before the fields
  const fieldStart = (e.fieldPointer(0) - arena) >> 2;
  const boxStart = (e.boxesPtr() - arena) >> 2;
  const gameStart = (e.gameBlockPtr() - arena) >> 2;
  const out: StateDifference[] = [];
  for (let w = 0; w < wa.length && out.length < limit; w++) {
    const va = wa[w]!, vb = wb[w]!;
    if (va === vb) continue;
    out.push({ ...locate(w, cap, entityStart, fieldStart, boxStart, gameStart, e.boxWords()), a: va, b: vb });
  }
  return out;
}

function locate(
  w: number, cap: number, entityStart: number, fieldStart: number, boxStart: number, gameStart: number, boxWords: number,
): Pick<StateDifference, 'region' | 'name' | 'index'> {
  if (w < entityStart) return { region: 'header', name: headerWordNames[w] ?? `word${w}` };
  if (w < fieldStart) {
    const k = w - entityStart;
    return { region: 'entities', name: entityColumns[Math.floor(k / cap)] ?? 'entity', index: k % cap };
  }
  if (w < boxStart) {
    const k = w - fieldStart;
    return { region: 'field', name: fieldNames[Math.floor(k / cap)] ?? `field${Math.floor(k / cap)}`, index: k % cap };
  }
  if (w < gameStart) {
    const k = w - boxStart;
    return { region: 'box', name: boxWordNames[k % boxWords] ?? `word${k % boxWords}`, index: Math.floor(k / boxWords) };
  }
  const k = w - gameStart;
  const range = gameWordRanges.find(([first, , count]) => k >= first && k < first + count);
  return range
    ? { region: 'game', name: range[1], ...(range[2] > 1 ? { index: k - range[0] } : {}) }
    : { region: 'game', name: `word${k}` };
}

/** One line per difference, e.g. `field PosX[17]: 1234567 vs 1234570`. */
export function formatStateDiff(diffs: readonly StateDifference[]): string {
  return diffs.map((d) => `${d.region} ${d.name}${d.index === undefined ? '' : `[${d.index}]`}: ${d.a} vs ${d.b}`).join('\n');
}
