/**
 * Which Chromium the browser tests use: the binary named by FASTZAP_CHROMIUM, else Debian's
 * (apt-get install chromium-headless-shell; what CI installs), else Playwright's own.
 */
import { existsSync } from 'node:fs';

export const DEBIAN_CHROMIUM = ['/usr/lib/chromium/chromium-headless-shell', '/usr/lib/chromium/chromium'] as const;

/** FASTZAP_CHROMIUM, or the first Debian Chromium present; undefined means Playwright's own. */
export function systemChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env['FASTZAP_CHROMIUM'];
  if (fromEnv) return fromEnv;
  return DEBIAN_CHROMIUM.find((p) => existsSync(p));
}
