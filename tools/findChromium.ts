// Which Chromium the browser tests drive: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or
// Playwright's own download, in that order. Run directly (`tsx tools/findChromium.ts`, the first
// step of `npm run test:e2e`) it installs Debian's package when none is found and it runs as root
// with apt, and otherwise says exactly what to install.

import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from '@playwright/test';

export function findChromium(): string | undefined {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', playwrightsOwn()];
  return candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
}

function playwrightsOwn(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

const HOW_TO_INSTALL =
  'No Chromium found for the browser tests. Install one of:\n' +
  '  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium\n' +
  '  Playwright:     npx playwright install chromium   (needs access to its download host)\n' +
  'or point CHROMIUM_PATH at a Chromium or Chrome binary.';

function installDebianChromium(): boolean {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.log('No Chromium found; installing Debian\'s chromium with apt-get (running as root)...');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return existsSync('/usr/bin/chromium');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findChromium() ?? (installDebianChromium() ? findChromium() : undefined);
  if (!found) {
    console.error(HOW_TO_INSTALL);
    process.exit(1);
  }
  console.log(`Chromium for browser tests: ${found}`);
}
