// Deployment settings read at start-up from /config.json (stale-while-revalidate in the service
// worker: an operator's change reaches players on their next launch, without a rebuild). Offline,
// or if the file is missing, the defaults hold: nothing in it is needed to play.

export interface AppConfig {
  /** Minutes between update checks while the app stays open; 0 turns periodic checks off. */
  updateCheckMinutes: number;
}

export const defaultAppConfig: AppConfig = { updateCheckMinutes: 60 };

export async function loadAppConfig(url = '/config.json'): Promise<AppConfig> {
  if (!navigator.onLine) return defaultAppConfig;
  try {
    const response = await fetch(url);
    return response.ok ? { ...defaultAppConfig, ...((await response.json()) as Partial<AppConfig>) } : defaultAppConfig;
  } catch {
    return defaultAppConfig;
  }
}
