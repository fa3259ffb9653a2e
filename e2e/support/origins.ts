// The two servers playwright.config.ts starts: the dev server (sources, test pages) and the
// preview of the built app and library. `localhost` and `127.0.0.1` are different origins.

const devPort = Number(process.env['E2E_PORT'] ?? 4599);

export const devOrigin = `http://127.0.0.1:${devPort}`;
export const appOrigin = `http://127.0.0.1:${devPort + 1}`;
/** The built app under another origin, for cross-origin iframe tests. */
export const appCrossOrigin = `http://localhost:${devPort + 1}`;
