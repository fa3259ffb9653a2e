// `npm start` (after `npm run build`): serves the built game on http://127.0.0.1:PORT with the
// cache policy the service worker relies on (relay/http/staticSite.ts). The page is the game;
// /examples/embed.html shows the embeddable runtime (dist/lib) both ways.

import { createServer } from 'node:http';
import { staticSite } from '../relay/http/staticSite.ts';

const port = Number(process.env['PORT'] ?? 8080);
const host = process.env['HOST'] ?? '127.0.0.1';
const server = createServer(staticSite('dist'));
server.listen(port, host, () => {
  const url = `http://${host}:${port}/`;
  console.log(`Tessera is running at ${url}  (embedding example: ${url}examples/embed.html)  — Ctrl-C stops`);
});
const stop = (): void => void server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
