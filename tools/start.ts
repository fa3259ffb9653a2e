// `npm start` (after `npm run build`): serves the built game on http://127.0.0.1:PORT. The page
// is the game; /examples/embed.html shows the embeddable runtime (dist/lib) both ways.

import { preview } from 'vite';

const port = Number(process.env['PORT'] ?? 8080);
const server = await preview({ preview: { port, host: '127.0.0.1', strictPort: true, open: false } });
const url = `http://127.0.0.1:${port}/`;
console.log(`Tessera is running at ${url}  (embedding example: ${url}examples/embed.html)  — Ctrl-C stops`);
const stop = (): void => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
