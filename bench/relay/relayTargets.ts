// The relays the bench measures: how each starts and which bots adapter speaks its protocol.

export type RelayName = 'tessera' | 'minimal-ws';

export interface RelayTarget {
  readonly name: RelayName;
  /** Entry point, relative to the repository root; it logs {"msg":"listening","url":…}. */
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  /** Module URL for the bots engine (bots/RelayAdapter.ts). */
  readonly adapterModule: string;
}

export const relayTargets: readonly RelayTarget[] = [
  {
    name: 'tessera',
    entry: 'relay/main.ts',
    // No static site; everything else at its defaults (60 inputs/s is well inside the rate limits).
    env: { PORT: '0', HOST: '127.0.0.1', RELAY_STATIC_DIR: '' },
    adapterModule: new URL('../../bots/tesseraAdapter.ts', import.meta.url).href,
  },
  {
    name: 'minimal-ws',
    entry: 'bench/relay/minimalRelay.ts',
    env: { PORT: '0', HOST: '127.0.0.1' },
    adapterModule: new URL('./minimalRelayAdapter.ts', import.meta.url).href,
  },
];
