import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * Chromium: Playwright's own browser on a laptop; on machines where it cannot be downloaded,
 * Debian's (apt-get install chromium-headless-shell), or any binary named by FASTZAP_CHROMIUM.
 */
function chromiumPath(): string | undefined {
  const fromEnv = process.env['FASTZAP_CHROMIUM'];
  if (fromEnv) return fromEnv;
  for (const p of ['/usr/lib/chromium/chromium-headless-shell', '/usr/lib/chromium/chromium']) {
    if (existsSync(p)) return p;
  }
  return undefined;
}

const executablePath = chromiumPath();
/** Port of the preview server (FASTZAP_PORT lets two runs coexist on one machine). */
const port = Number(process.env['FASTZAP_PORT'] ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 720 },
  },
  projects: [
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 720 }, ...(executablePath ? { launchOptions: { executablePath } } : {}) },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
  },
});
