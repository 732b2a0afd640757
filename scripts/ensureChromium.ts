/**
 * Before Playwright runs (npm run test:e2e): make sure a Chromium is there, so `npm test` works on
 * a fresh laptop with no manual step. Uses FASTZAP_CHROMIUM or Debian's if present (see
 * chromium.ts), else Playwright's own, installing it (`npx playwright install chromium`) if missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { systemChromium } from './chromium.ts';

function main(): number {
  const system = systemChromium();
  if (system) {
    if (existsSync(system)) {
      console.log(`Chromium: ${system}`);
      return 0;
    }
    console.error(`FASTZAP_CHROMIUM names ${system}, which does not exist`);
    return 1;
  }
  const own = chromium.executablePath();
  if (existsSync(own)) {
    console.log(`Chromium: Playwright's own (${own})`);
    return 0;
  }
  console.log("No Chromium found: installing Playwright's (npx playwright install chromium)");
  const run = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit', shell: process.platform === 'win32' });
  return run.status ?? 1;
}

process.exit(main());
