// "Install" on the title screen. Installed, the game gets the whole screen and Safari stops
// evicting its saves after 7 days unused. Expects these elements in the title screen markup:
//   <button id="install" hidden>Install</button>
//   <p id="install-hint" class="hint" hidden></p>
// Chromium browsers announce that the game can be installed with `beforeinstallprompt`: the button
// appears then and opens the browser's install dialog. iPhone and iPad never fire it and install
// only from the Share menu, so there the hint says how. Elsewhere (Firefox, say) there is no
// dialog to open and nothing to show; already installed, neither shows.

/** Chromium's event, not in lib.dom. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed'; platform: string }>;
}

// Listening starts when this module is imported, not when the menus are set up: Chromium fires
// the event as early as 20 ms after `load`, while the game page is still awaiting storage.
let offer: BeforeInstallPromptEvent | null = null;
window.addEventListener('beforeinstallprompt', (event) => {
  if (!isBeforeInstallPrompt(event)) return;
  // Keeps Chromium's own mini-infobar off the game; the Install button offers the dialog instead.
  event.preventDefault();
  offer = event;
});
window.addEventListener('appinstalled', () => {
  offer = null;
});

export function setupInstallPrompt(button: HTMLButtonElement, hint: HTMLElement, signal?: AbortSignal): void {
  button.hidden = true;
  hint.hidden = true;
  if (runsInstalled()) return;
  if (isIPhoneOrIPad()) {
    hint.textContent = 'Install: tap Share, then Add to Home Screen';
    hint.hidden = false;
  }

  const showButtonIfOffered = (): void => {
    button.hidden = offer === null;
  };
  showButtonIfOffered();
  window.addEventListener('beforeinstallprompt', showButtonIfOffered, { signal });

  button.addEventListener('click', async () => {
    const event = offer;
    if (!event) return;
    // An event opens the dialog once. After a dismissal Chromium fires a new one later, which
    // shows the button again.
    offer = null;
    try {
      await event.prompt();
      await event.userChoice;
    } finally {
      button.hidden = true;
    }
  }, { signal });

  // Also fires when the player installs from the browser's menu instead of the button.
  window.addEventListener('appinstalled', () => {
    button.hidden = true;
    hint.hidden = true;
  }, { signal });
}

function isBeforeInstallPrompt(event: Event): event is BeforeInstallPromptEvent {
  return 'prompt' in event && 'userChoice' in event;
}

function runsInstalled(): boolean {
  // `navigator.standalone` is iOS's flag for a Home Screen app, older than the display-mode query.
  return matchMedia('(display-mode: standalone)').matches || ('standalone' in navigator && navigator.standalone === true);
}

function isIPhoneOrIPad(): boolean {
  // iPadOS asks for desktop sites and then calls itself a Mac; no Mac has a touch screen.
  const ua = navigator.userAgent;
  return /iPhone|iPad|iPod/.test(ua) || (ua.includes('Macintosh') && navigator.maxTouchPoints > 1);
}
