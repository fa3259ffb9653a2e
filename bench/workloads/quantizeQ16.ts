/** Q16.16 raw value of v as ARENA.md defines it: int32(floor(v * 65536 + 0.5)), two's complement. */
export function quantizeQ16(v: number): number {
  return Math.floor(v * 65536 + 0.5) | 0;
}
