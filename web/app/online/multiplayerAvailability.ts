// Whether online play can work from here, and the multiplayer entry kept in step with it: the
// browser must be online and the relay on this origin must answer /healthz. Single-player never
// depends on this. The answer is checked again whenever the browser's connectivity changes,
// whenever the app asks (the title screen does), and every few seconds while the browser is online
// but the relay is not answering, so a relay that comes back is noticed without a reload.

const OFFLINE = 'Needs a connection: you are offline.';
const UNREACHABLE = 'The game server cannot be reached right now.';
const HEALTH_TIMEOUT_MS = 4000;
const RECHECK_MS = 5000;

/** null when online play is possible, else a sentence saying why not. */
export async function multiplayerUnavailable(healthUrl = '/healthz'): Promise<string | null> {
  if (!navigator.onLine) return OFFLINE;
  try {
    const response = await fetch(healthUrl, { cache: 'no-store', signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    // A server without the relay (a static host, the dev server's SPA fallback) may answer 200
    // with a page: only the relay's own JSON counts.
    const body = response.ok ? ((await response.json()) as { status?: unknown }) : null;
    return body?.status === 'ok' ? null : UNREACHABLE;
  } catch {
    return navigator.onLine ? UNREACHABLE : OFFLINE;
  }
}

export interface MultiplayerEntry {
  /** Check again now; resolves with the reason it is unavailable (null: available). */
  refresh(): Promise<string | null>;
  /** The last answer, without asking again. */
  readonly unavailable: string | null;
}

/** Keeps `button` disabled with `reason` showing while online play is unavailable (and until `ready()` resolves). */
export function watchMultiplayerEntry(button: HTMLButtonElement, reason: HTMLElement, ready: Promise<unknown>): MultiplayerEntry {
  let unavailable: string | null = 'Checking the game server…';
  let checks = 0;
  let recheck: ReturnType<typeof setTimeout> | undefined;
  const refresh = async (): Promise<string | null> => {
    const mine = ++checks;
    clearTimeout(recheck);
    const [answer] = await Promise.all([multiplayerUnavailable(), ready]);
    if (mine !== checks) return answer; // a newer check is under way and will set the entry
    unavailable = answer;
    button.disabled = answer !== null;
    button.title = answer ?? '';
    reason.textContent = answer ?? '';
    reason.hidden = answer === null;
    // Offline, the 'online' event says when to look again; online, only asking does.
    if (answer !== null && navigator.onLine) recheck = setTimeout(() => void refresh(), RECHECK_MS);
    return answer;
  };
  addEventListener('online', () => void refresh());
  addEventListener('offline', () => void refresh());
  void refresh();
  return {
    refresh,
    get unavailable() {
      return unavailable;
    },
  };
}
