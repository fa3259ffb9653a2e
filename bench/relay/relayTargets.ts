// The relays the bench measures: how each starts and which bots adapter speaks its protocol.

export type RelayName = 'tessera' | 'tessera-verify' | 'minimal-ws';

export interface RelayTarget {
  readonly name: RelayName;
  /** Entry point, relative to the repository root; it logs {"msg":"listening","url":…}. */
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  /** Flags for node itself, as the relay is run in production. */
  readonly nodeArgs: readonly string[];
  /** Module URL for the bots engine (bots/RelayAdapter.ts). */
  readonly adapterModule: string;
}

export const relayTargets: readonly RelayTarget[] = [
  {
    name: 'tessera',
    entry: 'relay/main.ts',
    // No static site, no verification; everything else at its defaults (60 inputs/s is well inside the rate limits).
    env: { PORT: '0', HOST: '127.0.0.1', RELAY_STATIC_DIR: '', RELAY_VERIFY: '0' },
    // The flags `npm start` runs the relay with (package.json; docs/relay.md says why).
    nodeArgs: ['--max-semi-space-size=64'],
    adapterModule: new URL('../../bots/tesseraAdapter.ts', import.meta.url).href,
  },
  {
    // The same relay verifying every room (its default): each room's confirmed ticks stepped through
    // the sim; what verification costs is this row against the one above. The bots claim the real build.
    name: 'tessera-verify',
    entry: 'relay/main.ts',
    env: { PORT: '0', HOST: '127.0.0.1', RELAY_STATIC_DIR: '', RELAY_VERIFY: '1' },
    nodeArgs: ['--max-semi-space-size=64'],
    adapterModule: new URL('../../bots/tesseraAdapter.ts', import.meta.url).href,
  },
  {
    name: 'minimal-ws',
    entry: 'bench/relay/minimalRelay.ts',
    env: { PORT: '0', HOST: '127.0.0.1' },
    // Node's defaults: the floor is the plainest ws relay.
    nodeArgs: [],
    adapterModule: new URL('./minimalRelayAdapter.ts', import.meta.url).href,
  },
];
