// Checksums published in ARENA.md. A mismatch means the generator or a reference implementation
// drifted from the spec, so the numbers measured with it are not comparable.

/** FNV-1a of the initial state by N (any implementation, before stepping). */
export const initialStateChecksums: Readonly<Record<number, string>> = {
  1000: '11873d09',
  5000: 'e23cf49d',
  20000: '2e2a7113',
  100000: '0cac1b3c',
};

/** Checksum after 660 steps for the f64 reference implementations, keyed `${suite}/${impl}/${n}`. */
const finalChecksums: Readonly<Record<string, string>> = {
  'arena/js-soa-grid/1000': 'cb84d5eb',
  'arena/js-soa-grid/5000': 'ac9176b4',
  'arena/js-soa-grid/20000': 'd95db8a2',
  'move/js-loop/100000': 'cfb7c561',
  'move/bitecs/100000': 'cfb7c561',
};

export function expectedFinalChecksum(suite: string, impl: string, n: number): string | undefined {
  return finalChecksums[`${suite}/${impl}/${n}`];
}
