// Importing the embeddable runtime where there is no DOM (server-side rendering) must not throw;
// only mounting a game needs a browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';

test('the runtime module imports without a DOM and exports its API', async () => {
  assert.equal(typeof (globalThis as { document?: unknown }).document, 'undefined');
  const runtime = await import('../web/runtime/index.ts');
  assert.equal(typeof runtime.mountGame, 'function');
  assert.equal(typeof runtime.defineTesseraGame, 'function');
  assert.doesNotThrow(() => runtime.defineTesseraGame(), 'registering is a no-op without customElements');
});
