// `tsx relay/main.ts`: the relay alone, configured by environment variables (docs/relay.md).

import { runRelay } from './runRelay.ts';

await runRelay(process.env);
