// Starts a relay from the environment and stops it on SIGINT/SIGTERM: what `tsx relay/main.ts`
// and `npm start` share. The `listening` log line carries the real URL (PORT=0 picks a free
// port), which is how tests and the bench find a relay they started as a child process.

import { readFile } from 'node:fs/promises';
import { Sim } from '../host/Sim.ts';
import { ConfigError, configFromEnv, type RelayConfig } from './config.ts';
import { createRelayLog, type RelayLog } from './log.ts';
import { createRelay } from './server.ts';

export interface RunningRelay {
  url: URL;
  config: RelayConfig;
  log: RelayLog;
}

export async function runRelay(env: NodeJS.ProcessEnv): Promise<RunningRelay> {
  let config: RelayConfig;
  try {
    config = configFromEnv(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createRelayLog('info').fatal(`bad configuration: ${error.message}`);
    process.exit(1);
  }
  const log = createRelayLog(config.logLevel);
  let sim: Sim | null = null;
  if (config.verify) {
    try {
      sim = await Sim.fromBytes(new Uint8Array(await readFile(config.simWasm)));
    } catch (error) {
      log.fatal(`cannot load the sim to verify with (RELAY_SIM_WASM=${config.simWasm}): ${(error as Error).message}`);
      process.exit(1);
    }
  }
  const relay = createRelay(config, log, sim);
  let url: URL;
  try {
    url = await relay.start();
  } catch (error) {
    log.fatal(`cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
    process.exit(1);
  }
  log.info(
    {
      url: url.href,
      ws: `ws://${url.host}/ws`,
      site: config.staticDir,
      auth: [config.jwtSecret && (config.jwtSecretGenerated ? 'HS256 (generated secret)' : 'HS256'), config.jwksUrl && `JWKS ${config.jwksUrl.href}`].filter(Boolean),
      guestTokens: config.guestTokens,
      simBuild: sim?.buildId ?? null,
      verify: sim === null ? 'off' : `every confirmed tick, hashes every ${config.hashInterval} ticks`,
    },
    'listening',
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C while sockets are still closing means "now".
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, 'stopping');
    relay.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'stopping failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { url, config, log };
}
