// The game can be installed: the manifest index.html links, the icons it names, the iOS tags in the
// head, Chromium's own installability verdict, and the Install button and hint of
// web/app/installPrompt.ts. Checked on the dev server, which serves manifest.webmanifest from the
// project root and public/ at /.
//
// Playwright's usual browser contexts are incognito, where Chromium never offers installation
// (installability error "in-incognito") and `beforeinstallprompt` never fires. Tests that need
// the real event or an installed app launch Chromium with a profile on disk instead.

import { test as base, expect, type APIRequestContext, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { devOrigin } from './support/origins.ts';
import { openInstalledApp, startPwaServer } from './support/pwaServer.ts';

const test = base.extend<{ launchWithProfile: (options?: BrowserContextOptions) => Promise<BrowserContext> }>({
  launchWithProfile: async ({ playwright, launchOptions }, use, testInfo) => {
    const launched: BrowserContext[] = [];
    await use(async (options = {}) => {
      const home = testInfo.outputPath(`home-${launched.length}`);
      const context = await playwright.chromium.launchPersistentContext(testInfo.outputPath(`profile-${launched.length}`), {
        ...launchOptions,
        ...options,
        baseURL: devOrigin,
        // Installing writes launcher entries under the home directory: keep them in test-results/.
        env: { ...process.env, HOME: home, XDG_DATA_HOME: `${home}/.local/share`, XDG_CONFIG_HOME: `${home}/.config` },
      });
      launched.push(context);
      return context;
    });
    await Promise.all(launched.map((context) => context.close()));
  },
});

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

interface Manifest {
  id?: string;
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  orientation?: string;
  theme_color?: string;
  background_color?: string;
  icons?: ManifestIcon[];
}

interface Head {
  manifestHref: string | null;
  appleTouchIconHref: string | null;
  /** content of every <meta name>, by name */
  meta: Record<string, string>;
}

/** The head of index.html as the dev server serves it, parsed by the browser without running it. */
async function readHead(request: APIRequestContext, page: Page): Promise<Head> {
  const html = await (await request.get('/')).text();
  return page.evaluate((source) => {
    const head = new DOMParser().parseFromString(source, 'text/html').head;
    const meta: Record<string, string> = {};
    for (const tag of head.querySelectorAll('meta[name]')) meta[tag.getAttribute('name')!] = tag.getAttribute('content') ?? '';
    return {
      manifestHref: head.querySelector('link[rel="manifest"]')?.getAttribute('href') ?? null,
      appleTouchIconHref: head.querySelector('link[rel="apple-touch-icon"]')?.getAttribute('href') ?? null,
      meta,
    };
  }, html);
}

async function readManifest(request: APIRequestContext, head: Head): Promise<{ manifest: Manifest; url: string }> {
  expect(head.manifestHref, 'index.html links a manifest').not.toBeNull();
  const url = new URL(head.manifestHref!, `${devOrigin}/`).href;
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return { manifest: JSON.parse(await response.text()) as Manifest, url };
}

/** A PNG as served: a missing file would come back as the dev server's HTML fallback, also 200. */
async function fetchPng(request: APIRequestContext, url: string): Promise<PNG> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()['content-type'], url).toBe('image/png');
  return PNG.sync.read(await response.body());
}

function transparentPixels(png: PNG): number {
  let count = 0;
  for (let i = 3; i < png.data.length; i += 4) if (png.data[i]! < 255) count++;
  return count;
}

const iosInstallHint = 'Install: tap Share, then Add to Home Screen';

const purposes = (icon: ManifestIcon): string[] => (icon.purpose ?? 'any').split(/\s+/);

const iPhoneSafari = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';
/** Safari on a Mac, and on an iPad, which asks for desktop sites with this same user agent. */
const macSafari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15';

async function openInstallPage(page: Page): Promise<void> {
  await page.goto('/e2e/pages/install.html');
  await page.waitForFunction(() => window.installPromptReady);
}

test.describe('manifest, icons and head', () => {
  test('index.html links the manifest and the Apple icon and has the iOS tags', async ({ request, page }) => {
    const head = await readHead(request, page);
    expect(head.manifestHref).toBe('/manifest.webmanifest');
    expect(head.appleTouchIconHref).toBe('/icons/apple-touch-icon.png');
    expect(head.meta).toMatchObject({
      'mobile-web-app-capable': 'yes',
      'apple-mobile-web-app-capable': 'yes',
      'apple-mobile-web-app-status-bar-style': 'black-translucent',
      'apple-mobile-web-app-title': 'Tessera',
    });
    // A translucent status bar covers the page, which only works when it reaches into the insets.
    expect(head.meta['viewport']).toContain('viewport-fit=cover');
  });

  test('the manifest has every field installation needs', async ({ request, page }) => {
    const head = await readHead(request, page);
    const { manifest, url } = await readManifest(request, head);
    expect(manifest).toMatchObject({
      id: '/',
      name: 'Tessera',
      short_name: expect.stringMatching(/^.{1,12}$/),
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: head.meta['theme-color'],
      background_color: head.meta['theme-color'],
    });
    expect(new URL(manifest.start_url!, url).href.startsWith(new URL(manifest.scope!, url).href), 'start_url inside scope').toBe(true);
    // Any value, "any" included, overrides the player's rotation lock on Android; left out, both
    // orientations follow the lock.
    expect(manifest.orientation).toBeUndefined();

    const icons = manifest.icons ?? [];
    expect(icons.some((icon) => icon.sizes === '192x192' && purposes(icon).includes('any')), '192×192 "any" icon').toBe(true);
    expect(icons.some((icon) => icon.sizes === '512x512' && purposes(icon).includes('any')), '512×512 "any" icon').toBe(true);
    expect(icons.some((icon) => icon.sizes === '512x512' && purposes(icon).includes('maskable')), '512×512 maskable icon').toBe(true);
  });

  test('every manifest icon loads as a PNG of its declared size', async ({ request, page }) => {
    const { manifest, url } = await readManifest(request, await readHead(request, page));
    for (const icon of manifest.icons ?? []) {
      expect(icon.type).toBe('image/png');
      const png = await fetchPng(request, new URL(icon.src, url).href);
      expect(`${png.width}x${png.height}`, icon.src).toBe(icon.sizes);
    }
  });

  test('the maskable icon is full-bleed and the Apple icon opaque', async ({ request, page }) => {
    const head = await readHead(request, page);
    const { manifest, url } = await readManifest(request, head);
    const maskable = (manifest.icons ?? []).filter((icon) => purposes(icon).includes('maskable'));
    expect(maskable.length).toBeGreaterThan(0);
    for (const icon of maskable) {
      // Launchers crop maskable icons to their own shape; a transparent pixel there shows as a hole.
      expect(transparentPixels(await fetchPng(request, new URL(icon.src, url).href)), icon.src).toBe(0);
    }

    const apple = await fetchPng(request, new URL(head.appleTouchIconHref!, `${devOrigin}/`).href);
    expect(`${apple.width}x${apple.height}`).toBe('180x180');
    // iOS fills transparent pixels with black.
    expect(transparentPixels(apple)).toBe(0);
  });
});

test.describe('Chromium with a profile on disk', () => {
  test('finds the game installable, with no manifest errors', async ({ launchWithProfile }) => {
    const context = await launchWithProfile();
    const page = await context.newPage();
    await page.goto('/');
    const cdp = await context.newCDPSession(page);
    const { errors } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  });

  test('the game\'s title screen offers Install', async ({ launchWithProfile }) => {
    const context = await launchWithProfile();
    const page = await context.newPage();
    await page.goto('/');
    // Red when the page misses an event fired while it is still starting up (seen: 20 ms after load).
    await expect(page.locator('#title #install')).toBeVisible();
  });

  test('fires beforeinstallprompt, which shows the Install button', async ({ launchWithProfile }) => {
    const context = await launchWithProfile();
    const page = await context.newPage();
    await openInstallPage(page);
    await expect(page.locator('#install')).toBeVisible();
    await expect(page.locator('#install-hint')).toBeHidden();
  });

  test('installed and opened as an app, neither the button nor the hint shows', async ({ launchWithProfile }) => {
    // An iPhone's user agent would get the hint in a browser tab; the standalone display mode of a
    // really installed app is what must hide it.
    const context = await launchWithProfile({ userAgent: iPhoneSafari });
    const page = await context.newPage();
    await openInstallPage(page);
    await expect(page.locator('#install-hint')).toBeVisible();

    const cdp = await context.newCDPSession(page);
    const manifestId = `${devOrigin}/`;
    const url = `${devOrigin}/e2e/pages/install.html`;
    await cdp.send('PWA.install', { manifestId, installUrlOrBundleUrl: url });
    await cdp.send('PWA.changeAppUserSettings', { manifestId, displayMode: 'standalone' });
    const appPage = context.waitForEvent('page');
    await cdp.send('PWA.launch', { manifestId, url });
    const app = await appPage;
    await app.waitForFunction(() => window.installPromptReady);
    expect(await app.evaluate(() => matchMedia('(display-mode: standalone)').matches)).toBe(true);
    await expect(app.locator('#install')).toBeHidden();
    await expect(app.locator('#install-hint')).toBeHidden();
  });
});

test.describe('browsers that never fire beforeinstallprompt', () => {
  test('iPhone: the Share hint, no button', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: devOrigin, userAgent: iPhoneSafari, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await openInstallPage(page);
    await expect(page.locator('#install-hint')).toHaveText(iosInstallHint);
    await expect(page.locator('#install-hint')).toBeVisible();
    await expect(page.locator('#install')).toBeHidden();
    await context.close();
  });

  test('iPad asking for the desktop site: the Share hint', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: devOrigin, userAgent: macSafari });
    const page = await context.newPage();
    // An iPad reports five touch points; Playwright's hasTouch reports one.
    await (await context.newCDPSession(page)).send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
    await openInstallPage(page);
    await expect(page.locator('#install-hint')).toHaveText(iosInstallHint);
    await expect(page.locator('#install-hint')).toBeVisible();
    await context.close();
  });

  test('a Mac, or any browser without the event: nothing', async ({ browser }) => {
    for (const userAgent of [macSafari, undefined]) {
      const context = await browser.newContext({ baseURL: devOrigin, userAgent });
      const page = await context.newPage();
      await openInstallPage(page);
      await expect(page.locator('#install-hint')).toBeHidden();
      await expect(page.locator('#install')).toBeHidden();
      await context.close();
    }
  });
});

// The built app as players get it: the service worker installs, controls the page, and the
// manifest it links is the one the build copied (not a hashed copy).
base.describe('built app', () => {
  base.use({ serviceWorkers: 'allow' });
  base('the service worker controls the page and the manifest is served at its own URL', async ({ page }) => {
    const server = await startPwaServer('dist');
    try {
      await openInstalledApp(page, server.origin);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      expect(scope).toBe(`${server.origin}/`);
      const href = await page.locator('link[rel=manifest]').getAttribute('href');
      expect(href).toBe('/manifest.webmanifest');
      const manifest = (await (await page.request.get(`${server.origin}${href}`)).json()) as { name: string };
      expect(manifest.name).toBe('Tessera');
    } finally {
      await server.close();
    }
  });
});
