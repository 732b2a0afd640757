/**
 * Shareable links and scenario files in real Chromium against the production build: a link made
 * after an intervention reproduces the same moment in a fresh page; corrupted links and broken
 * files give a specific message (role="alert") and never a blank page.
 */
import { expect, test, type Page } from '@playwright/test';

interface Moment {
  readonly cursor: string | null;
  readonly gen: string | null;
  readonly pages: string;
}

async function ready(page: Page): Promise<void> {
  await expect(page.locator('[data-status="ready"]')).toBeVisible({ timeout: 30_000 });
}

/** The moment as the testing contract exposes it: cursor, generation, every page's state. */
async function moment(page: Page): Promise<Moment> {
  const app = page.locator('[data-event-index]').first();
  const pages = await page.evaluate(() =>
    [
      ...new Set(
        [...document.querySelectorAll<HTMLElement | SVGElement>('[data-page-id]')].map(
          (e) => `${e.dataset['pageId']}:${e.dataset['gen']}:${e.dataset['state']}`,
        ),
      ),
    ]
      .sort()
      .join(' '),
  );
  return { cursor: await app.getAttribute('data-event-index'), gen: await app.getAttribute('data-global-gen'), pages };
}

async function cursorOf(page: Page): Promise<number> {
  return Number(await page.locator('[data-event-index]').first().getAttribute('data-event-index'));
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

test('a link to this moment, made after an intervention, reopens the identical moment', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? 'http://127.0.0.1:4173' });
  const errors = collectErrors(page);
  await page.goto('/#v1:preset=root-in-use');
  await ready(page);
  const app = page.locator('[data-event-index]').first();
  const start = await cursorOf(page);
  await expect(app).toHaveAttribute('data-global-gen', '0');
  // Step a little, one event at a time, then intervene by hand: a memory-pressure call the
  // preset does not script.
  for (let i = 1; i <= 5; i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(app).toHaveAttribute('data-event-index', String(start + i));
  }
  await page.getByRole('button', { name: /Memory pressure/ }).click();
  await expect(app).toHaveAttribute('data-interventions', '1');
  // Landmark by landmark, each move landed before the next: nothing is in flight when the link
  // is made.
  for (let i = 0; i < 8; i++) {
    const at = await cursorOf(page);
    await page.getByRole('button', { name: 'Next landmark' }).click();
    await expect.poll(() => cursorOf(page)).toBeGreaterThan(at);
  }
  const before = await moment(page);
  // The preset scripts one memslot deletion, bumped among these landmarks, and the shrinker never
  // touches mmu_valid_gen: generation 1.
  expect(before.gen).toBe('1');

  await page.getByRole('button', { name: 'Scenario & share' }).click();
  await page.getByRole('button', { name: 'Copy link to this moment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#v1.');

  const fresh = await context.newPage();
  const freshErrors = collectErrors(fresh);
  await fresh.goto(link);
  await ready(fresh);
  await expect.poll(() => fresh.locator('[data-event-index]').first().getAttribute('data-event-index')).toBe(before.cursor);
  expect(await moment(fresh)).toEqual(before);
  // The intervention travelled with the link: the shrinker's call is in the log at the same place.
  await page.screenshot({ path: test.info().outputPath('link-source.png') });
  await fresh.screenshot({ path: test.info().outputPath('link-opened.png') });
  expect(errors).toEqual([]);
  expect(freshErrors).toEqual([]);
});

test('a corrupted link opens the default scenario with a specific message', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/#v1.this-is-not-a-valid-payload!!');
  await ready(page);
  const alert = page.getByRole('alert').first();
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/link/i);
  await expect(alert).toContainText(/Classroom/);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('classroom');
  expect(Number(await page.locator('[data-event-index]').first().getAttribute('data-event-index'))).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('corrupted-link.png') });
  expect(errors).toEqual([]);
});

test('a truncated link and a tampered readable link say what was wrong', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL ?? 'http://127.0.0.1:4173' });
  await page.goto('/#v1:preset=back-to-back&seed=3');
  await ready(page);
  await page.getByRole('button', { name: 'Scenario & share' }).click();
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const truncated = link.slice(0, link.indexOf('#') + Math.floor((link.length - link.indexOf('#')) / 2));
  const other = await context.newPage();
  await other.goto(truncated);
  await ready(other);
  await expect(other.getByRole('alert').first()).toContainText(/link/i);

  const tampered = await context.newPage();
  await tampered.goto('/#v1:preset=no-such-preset');
  await ready(tampered);
  await expect(tampered.getByRole('alert').first()).toContainText(/no-such-preset/);
});

test('opening a broken scenario file shows its message and keeps the run', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await ready(page);
  const cursor = await cursorOf(page);
  await page.getByRole('button', { name: 'Scenario & share' }).click();
  await page
    .getByLabel('Scenario file', { exact: true })
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "guest": ') });
  await expect(page.getByRole('alert').filter({ hasText: 'broken.json' })).toContainText(/not valid JSON/i);
  await page.getByLabel('Scenario file', { exact: true }).setInputFiles({
    name: 'range.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, guest: { memoryMiB: 1 }, vcpus: [{ pattern: 'uniform' }], durationNs: 1000000 })),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'range.json' })).toContainText(/memoryMiB must be between 2 and/);
  expect(await cursorOf(page)).toBe(cursor);
  await page.screenshot({ path: test.info().outputPath('broken-file.png') });
  expect(errors).toEqual([]);
});
