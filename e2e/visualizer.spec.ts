/**
 * The visualizer in real Chromium against the production build: the default scenario (classroom),
 * play, invalidate, the generation bump, zapping to completion, stepping back, the keyboard alone,
 * no console errors. Waits on state (data-* attributes), never on sleeps. Screenshots are saved as
 * test artifacts (test-results/); with FASTZAP_README_SHOT=1 the mid-zap picture for the README
 * (docs/) is refreshed too.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';

interface Snapshot {
  readonly gen: number;
  readonly cursor: number;
  readonly tNs: number;
  readonly pages: readonly { id: number; gen: number; level: number; state: string }[];
  readonly vcpus: readonly { id: number; root: string; rootValid: boolean }[];
}

/** Everything the contract exposes, read in one go (one React commit, one frame). */
function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const app = document.querySelector<HTMLElement>('[data-global-gen]');
    const num = (v: string | null | undefined) => Number(v ?? NaN);
    return {
      gen: num(app?.dataset['globalGen']),
      cursor: num(app?.dataset['eventIndex']),
      tNs: num(app?.dataset['simTimeNs']),
      pages: [...document.querySelectorAll<SVGElement>('[data-page-id]')].map((e) => ({
        id: num(e.dataset['pageId']),
        gen: num(e.dataset['gen']),
        level: num(e.dataset['level']),
        state: e.dataset['state'] ?? '',
      })),
      vcpus: [...document.querySelectorAll<HTMLElement>('li[data-vcpu]')].map((e) => ({
        id: num(e.dataset['vcpu']),
        root: e.dataset['root'] ?? '',
        rootValid: e.dataset['rootValid'] === 'true',
      })),
    };
  });
}

/** Console errors and uncaught exceptions, checked at the end of every test. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

async function shot(page: Page, info: TestInfo, name: string): Promise<void> {
  const path = info.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await info.attach(name, { path, contentType: 'image/png' });
}

const app = (page: Page) => page.locator('[data-global-gen]');

/** Open the default scenario and wait until its pre-populated tree is drawn. */
async function open(page: Page): Promise<void> {
  await page.goto('./');
  await expect(app(page)).toHaveAttribute('data-status', 'ready');
  await expect(page.locator('[data-page-id]').first()).toBeVisible();
  await expect.poll(async () => (await snapshot(page)).pages.length).toBeGreaterThan(30);
}

/** Do something that moves the cursor, and wait until it has moved. */
async function moved(page: Page, act: () => Promise<void>): Promise<void> {
  const before = await app(page).getAttribute('data-event-index');
  await act();
  await page.waitForFunction((b) => document.querySelector('[data-global-gen]')?.getAttribute('data-event-index') !== b, before, {
    polling: 'raf',
    timeout: 15_000,
  });
}

test.describe('FastZap visualizer', () => {
  test('play, invalidate, zap to completion, step back', async ({ page }, info) => {
    test.setTimeout(180_000);
    const errors = watchConsole(page);
    await open(page);
    const start = await snapshot(page);
    expect(start.gen).toBe(0);
    expect(start.pages.every((p) => p.state === 'valid' && p.gen === 0)).toBe(true);
    await shot(page, info, '01-loaded');

    // Play a little, then pause.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => (await snapshot(page)).cursor, { timeout: 20_000 }).toBeGreaterThan(start.cursor + 5);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

    // Invalidate (unless the scripted memslot deletion got there first).
    if ((await snapshot(page)).gen === 0) {
      await page.getByRole('button', { name: /Invalidate all pages/ }).click();
    }
    await expect(app(page)).not.toHaveAttribute('data-global-gen', '0');
    const bumped = await snapshot(page);
    expect(bumped.gen).toBe(1);
    // In the very frame the generation changed, no page of the old generation is valid.
    expect(bumped.pages.filter((p) => p.gen === 0).every((p) => p.state !== 'valid')).toBe(true);
    expect(bumped.pages.some((p) => p.state === 'obsolete')).toBe(true);
    await shot(page, info, '02-bumped');

    // Step back across the bump and forward again: the bump is one event, and the whole tree
    // changes state with it.
    let before = bumped;
    for (let i = 0; i < 40 && before.gen !== 0; i++) {
      await moved(page, () => page.getByRole('button', { name: 'Step back' }).click());
      before = await snapshot(page);
    }
    expect(before.gen).toBe(0);
    expect(before.pages.length).toBeGreaterThan(30);
    expect(before.pages.every((p) => p.state === 'valid')).toBe(true);
    await moved(page, () => page.getByRole('button', { name: 'Step forward' }).click());
    let after = await snapshot(page);
    for (let i = 0; i < 40 && after.gen === 0; i++) {
      await moved(page, () => page.getByRole('button', { name: 'Step forward' }).click());
      after = await snapshot(page);
    }
    expect(after.gen, 'stepping forward from just before the bump reaches generation 1 within 40 events').toBe(1);
    expect(after.pages.length).toBe(before.pages.length);
    expect(after.pages.every((p) => p.state === 'obsolete')).toBe(true);

    // Landmark by landmark until the zap is done: no obsolete page, every vCPU on a valid root.
    const settled = (s: Snapshot) =>
      s.gen >= 1 &&
      !s.pages.some((p) => p.state === 'obsolete' || p.state === 'zapped') &&
      s.vcpus.length > 0 &&
      s.vcpus.every((v) => v.rootValid);
    let s = await snapshot(page);
    let sawZapped = false;
    for (let i = 0; i < 200 && !settled(s); i++) {
      await moved(page, () => page.getByRole('button', { name: 'Next landmark' }).click());
      s = await snapshot(page);
      sawZapped ||= s.pages.some((p) => p.state === 'zapped');
      if (i === 3) await shot(page, info, '03-zapping');
    }
    expect(settled(s)).toBe(true);
    expect(sawZapped).toBe(true);
    expect(s.pages.filter((p) => p.state !== 'freed').every((p) => p.gen === s.gen)).toBe(true);
    await shot(page, info, '04-zap-done');

    // Step back (one event, then landmark by landmark): the old generation's pages come back.
    await moved(page, () => page.getByRole('button', { name: 'Step back' }).click());
    let back = await snapshot(page);
    expect(back.cursor).toBe(s.cursor - 1);
    for (let i = 0; i < 60 && !back.pages.some((p) => p.state === 'obsolete'); i++) {
      await moved(page, () => page.getByRole('button', { name: 'Previous landmark' }).click());
      back = await snapshot(page);
    }
    expect(back.pages.some((p) => p.state === 'obsolete' && p.gen < back.gen)).toBe(true);
    await shot(page, info, '05-stepped-back');

    expect(errors).toEqual([]);
  });

  test('the keyboard alone', async ({ page }, info) => {
    const errors = watchConsole(page);
    await open(page);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const c0 = (await snapshot(page)).cursor;

    // Space plays and pauses.
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
    await expect.poll(async () => (await snapshot(page)).cursor, { timeout: 20_000 }).toBeGreaterThan(c0);
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();

    // → and ← step one event.
    const c1 = (await snapshot(page)).cursor;
    await moved(page, () => page.keyboard.press('ArrowRight'));
    expect((await snapshot(page)).cursor).toBe(c1 + 1);
    await moved(page, () => page.keyboard.press('ArrowLeft'));
    expect((await snapshot(page)).cursor).toBe(c1);

    // Shift+→ jumps to the next landmark: the bump is among the first ones.
    for (let i = 0; i < 10 && (await snapshot(page)).gen === 0; i++) {
      await moved(page, () => page.keyboard.press('Shift+ArrowRight'));
    }
    expect((await snapshot(page)).gen).toBe(1);
    await moved(page, () => page.keyboard.press('Shift+ArrowLeft'));

    // + and − change the speed.
    const speed = page.getByRole('slider', { name: 'Speed' });
    const v0 = Number(await speed.inputValue());
    await page.keyboard.press('+');
    await expect(speed).toHaveValue(String(v0 + 1));
    await page.keyboard.press('-');
    await expect(speed).toHaveValue(String(v0));

    // ? opens the help, Escape closes it.
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await shot(page, info, '06-help');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Tab to a page of the forest, move with the arrows: the inspector follows.
    const firstPage = page.locator('[data-page-id][tabindex="0"]');
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      if (await firstPage.evaluate((el) => el === document.activeElement).catch(() => false)) break;
    }
    await expect(firstPage).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const inspector = page.getByRole('region', { name: 'Inspector' });
    await expect(inspector).toContainText('mmu_valid_gen');
    await expect(inspector).toContainText('root_count');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[data-page-id][aria-pressed="true"]')).toHaveCount(1);
    await shot(page, info, '07-inspector');
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-page-id][aria-pressed="true"]')).toHaveCount(0);

    // Reach "Invalidate all pages" with Tab and press Enter: the generation goes up.
    const gen = (await snapshot(page)).gen;
    const invalidate = page.getByRole('button', { name: /Invalidate all pages/ });
    for (let i = 0; i < 80; i++) {
      if (await invalidate.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Shift+Tab');
    }
    await expect(invalidate).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(app(page)).toHaveAttribute('data-global-gen', String(gen + 1));
    await expect(page.getByRole('status').filter({ hasText: 'You intervened' })).toBeVisible();

    expect(errors).toEqual([]);
  });

  test('mid-zap picture for the README', async ({ page }, info) => {
    const errors = watchConsole(page);
    await open(page);
    // Landmarks up to the second lock break, then events until the vCPUs sit on the new root.
    for (let i = 0; i < 30; i++) {
      await moved(page, () => page.keyboard.press('Shift+ArrowRight'));
      if (await page.getByText('2 lock breaks').isVisible()) break;
    }
    const ready = (s: Snapshot) =>
      s.pages.some((p) => p.level === 4 && p.gen === 1) && s.vcpus.every((v) => v.rootValid) && s.pages.some((p) => p.state === 'obsolete');
    for (let i = 0; i < 60 && !ready(await snapshot(page)); i++) {
      await moved(page, () => page.keyboard.press('ArrowRight'));
    }
    const s = await snapshot(page);
    expect(ready(s)).toBe(true);
    expect(s.pages.some((p) => p.state === 'zapped' || p.state === 'freed')).toBe(true);
    await shot(page, info, '08-mid-zap');
    // The README picture is refreshed on request only, so a test run leaves the tree clean.
    if (process.env['FASTZAP_README_SHOT']) {
      mkdirSync('docs', { recursive: true });
      await page.screenshot({ path: 'docs/screenshot-mid-zap.png' });
    }
    expect(errors).toEqual([]);
  });

  test('fits 1280×720 and 1920×1080, large type, reduced motion', async ({ page }, info) => {
    const errors = watchConsole(page);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await open(page);
    await expect(app(page)).toHaveAttribute('data-reduced-motion', 'true');
    // Under reduced motion nothing tweens: states change at once.
    const transition = await page
      .locator('[data-page-id]')
      .first()
      .evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(transition.split(',').every((d) => parseFloat(d) === 0)).toBe(true);
    for (const [width, height] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const large of [false, true]) {
        const toggle = page.getByRole('button', { name: 'Large type' });
        if ((await toggle.getAttribute('aria-pressed')) !== String(large)) await toggle.click();
        // Nothing spills out of the window; the controls and the forest stay on screen.
        const overflow = await page.evaluate(() => ({
          x: document.documentElement.scrollWidth - window.innerWidth,
          y: document.documentElement.scrollHeight - window.innerHeight,
        }));
        expect(overflow.x).toBeLessThanOrEqual(0);
        expect(overflow.y).toBeLessThanOrEqual(0);
        await expect(page.getByRole('button', { name: 'Play' })).toBeInViewport();
        await expect(page.getByRole('slider', { name: 'Timeline' })).toBeInViewport();
        await expect(page.locator('[data-page-id]').first()).toBeInViewport();
        await shot(page, info, `09-${width}x${height}${large ? '-large' : ''}`);
      }
    }
    expect(errors).toEqual([]);
  });
});
