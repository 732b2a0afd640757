/**
 * Nothing a user can type wedges the tab (issue 13), in real Chromium against the production
 * build: the scenario that wedged the worker is warned about in the editor, announced within 2 s
 * of Apply, and the app stays operable (steps, Stop computing, another preset); a worker killed
 * in each way a real one dies (an error event, a silent death, a hang) is noticed, and Reset
 * reopens the same moment. The kill goes through the test hook the app installs under automation
 * (`window.__fastzapTest`, src/client/index.ts).
 */
import { expect, test, type Page } from '@playwright/test';

const app = (page: Page) => page.locator('[data-event-index]').first();
const cursorOf = async (page: Page) => Number(await app(page).getAttribute('data-event-index'));

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

async function ready(page: Page): Promise<void> {
  await expect(app(page)).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
}

test('the wedge scenario is warned about before Apply, announced within 2 s, and the app stays operable', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  await ready(page);
  await page.getByRole('button', { name: 'Scenario & share' }).click();
  const editor = page.getByRole('form', { name: 'Scenario' });
  await editor
    .getByLabel(/ vCPUs$/)
    .first()
    .fill('255');
  await editor
    .getByLabel(/Gap between touches/)
    .first()
    .fill('1');
  await editor.getByLabel(/^Duration/).fill('10000000');
  await expect(editor.getByText(/^Warning: This run would need .* it will be cut at about/)).toBeVisible();
  await editor.getByRole('button', { name: 'Apply (restarts the run)' }).click();
  const applied = Date.now();
  const alert = page.getByRole('alert').filter({ hasText: 'it will be cut at about' });
  await expect(alert).toBeVisible({ timeout: 2_000 });
  expect(Date.now() - applied).toBeLessThan(2_000);
  await page.getByRole('button', { name: 'Close scenario panel' }).click();

  // Operable: the run is there, steps move the cursor, the computation can be stopped.
  await ready(page);
  const at = await cursorOf(page);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect.poll(() => cursorOf(page)).toBe(at + 1);
  await page.getByRole('button', { name: 'Stop computing' }).click();
  await expect(page.getByText(/^Stopped computing at /)).toBeVisible();
  await page.getByRole('button', { name: 'Step back' }).click();
  await expect.poll(() => cursorOf(page)).toBe(at);
  await page.screenshot({ path: test.info().outputPath('wedge.png') });

  // Another preset opens at once.
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('back-to-back');
  await ready(page);
  await expect(page.getByRole('combobox', { name: 'Scenario' })).toHaveValue('back-to-back');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a worker killed in each way is noticed, and Reset reopens the same moment', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.goto('/#v1:preset=root-in-use');
  await ready(page);
  const start = await cursorOf(page);
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(app(page)).toHaveAttribute('data-event-index', String(start + i));
  }
  await page.getByRole('button', { name: /Memory pressure/ }).click();
  await expect(app(page)).toHaveAttribute('data-interventions', '1');
  await page.getByRole('button', { name: 'Next landmark' }).click();
  await expect.poll(() => cursorOf(page)).toBeGreaterThan(start + 3);
  const moment = { cursor: await app(page).getAttribute('data-event-index'), gen: await app(page).getAttribute('data-global-gen') };

  for (const [mode, code] of [
    ['error', 'E_WORKER_CRASHED'],
    ['silent', 'E_WORKER_SILENT'],
    ['hang', 'E_WORKER_SILENT'],
  ] as const) {
    await page.evaluate(
      (m) => (window as unknown as { __fastzapTest: { killWorker: (m: string) => void } }).__fastzapTest.killWorker(m),
      mode,
    );
    // The heartbeat: a ping after 2 s idle, unanswered for 5 s.
    const alert = page.getByRole('alert').filter({ hasText: code });
    await expect(alert, `${mode}: noticed`).toBeVisible({ timeout: 15_000 });
    await alert.getByRole('button', { name: 'Reset' }).click();
    await expect(alert).toHaveCount(0);
    await ready(page);
    await expect(app(page), `${mode}: the same moment`).toHaveAttribute('data-event-index', moment.cursor!);
    await expect(app(page)).toHaveAttribute('data-interventions', '1');
    await expect(app(page)).toHaveAttribute('data-global-gen', moment.gen!);
    // And the new worker answers.
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect.poll(() => cursorOf(page)).toBe(Number(moment.cursor) + 1);
    await page.getByRole('button', { name: 'Step back' }).click();
    await expect(app(page)).toHaveAttribute('data-event-index', moment.cursor!);
  }
  await page.screenshot({ path: test.info().outputPath('after-reset.png') });
  expect(errors).toEqual([]);
});
