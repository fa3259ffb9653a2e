// `npm start` (builds first): the game and the multiplayer relay on one port — the built PWA
// from dist/ (relay/http/staticSite.ts: gzip, ETags, the cache policy the service worker relies
// on), the relay's WebSocket at /ws and its HTTP API. Configured like the relay (docs/relay.md).

import { runRelay } from '../relay/runRelay.ts';

const { url, config } = await runRelay(process.env);
const site = config.staticDir === null ? '  (no site: dist/ is missing, run npm run build)' : `  (embedding example: ${url}examples/embed.html)`;
console.log(`Tessera is running at ${url}${site} — relay at ws://${url.host}/ws — Ctrl-C stops`);
