// Test page for web/storage: exposes the module for e2e/playerData.spec.ts to drive against the
// real IndexedDB of the page's origin.

import * as playerData from '../../web/storage/index.ts';

declare global {
  interface Window {
    playerData: typeof playerData;
    /** What the open callbacks reported, in order, for the tab-upgrade test. */
    playerDataEvents: string[];
  }
}

window.playerDataEvents = [];
window.playerData = playerData;
