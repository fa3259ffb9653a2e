// Precached .wasm is stored as application/wasm whatever the host sent (some serve it as
// application/octet-stream), so WebAssembly.compileStreaming works offline on every host.

import type { WorkboxPlugin } from 'workbox-core/types.js';

export const wasmContentType: WorkboxPlugin = {
  cacheWillUpdate: async ({ request, response }) => {
    if (!new URL(request.url).pathname.endsWith('.wasm') || response.headers.get('Content-Type') === 'application/wasm') return response;
    const headers = new Headers(response.headers);
    headers.set('Content-Type', 'application/wasm');
    return new Response(await response.arrayBuffer(), { status: response.status, statusText: response.statusText, headers });
  },
};
