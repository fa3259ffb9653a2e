// Test page for web/app/installPrompt.ts without the game: the title screen's install button and
// hint, for e2e/installable.spec.ts.

import { setupInstallPrompt } from '../../web/app/installPrompt.ts';

declare global {
  interface Window {
    installPromptReady: boolean;
  }
}

setupInstallPrompt(document.querySelector<HTMLButtonElement>('#install')!, document.querySelector<HTMLElement>('#install-hint')!);
window.installPromptReady = true;
