import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cursorArb, interventionsArb, scenarioArb, viewArb } from './arbitraries.ts';
import { ERRORS } from './errors.ts';
import { decodeLink, encodeLink, linkUrl, openLink, type LinkState } from './link.ts';
import { LINK_LIMITS } from './limits.ts';
import { LINK_VERSION, migrateScenario, runMigrations, type Migration } from './migrations.ts';
import { PRESETS } from './presets.ts';
import { presetVersion } from './presetVersions.ts';
import { scenarioSchema, type Scenario } from './schema.ts';
import { vcpuCount } from './toConfig.ts';

/**
 * Links made by FastZap with link format v1, frozen. They must open to exactly these runs in
 * every later version: never edit these constants; add a migration instead.
 */
const FROZEN_V1_PRESET_LINK =
  '#v1.nVI9T8MwEP0vN6coCU0_sjEgNtSBCcRwdY40womDz0lVKv937hrUItSpk-3ne-_uPfsIvSemACUYi8zeuRaSX_AFa8FXGS3TdbEQ2I3kfVMRQ3kEJqqgXCYwmn4Q5E20MATynZB2LsxUNtHdhnzbWEtQZml6Qh6MIeYLvla8xv5ZdOapHowbOpnqPr4nwMFjoPqgXbcYzO4V-w3WOkaexphA00nbkbrQuG6aBMOjnqVjrmpo9Er54dBLP2ipZSszVmQpEIjIX05xldPjwDRTt2LrtJT5P-LqKlGCmO2d_7QOqzNVCs-YlF6iY_oa1Apaqd0i09OHwHmxkGeZTGdpPr8hWHEVo-ZpBs_Oa3h6Oza0n97TkglUabKaWwLf-hnK_K6I8Qc';
const FROZEN_V1_SCENARIO_LINK =
  '#v1.nVLLbtswEPwVY880YCt-xLo1QHNzkUNPLXKgqbVEmCIFPtwqhoD-Q679unxJh3KduEADFD1Ju9yZnZ3dEwXFVnrtqDzRkX3QzlI5F2Rly1TS3rsntpOXH88TlUJ07eTl5zMJCswV6oqbxXK1vt0IqhOHmElabp3vt_qOymK5EtTJWtsaVLHqALRb-X3bpgdZc6ByOZsNgo6qSwi-nlAcI3sooGT13vkWiJ0MPNLN0FY_nf9XC0GNiw_sW20MlM5neEbmg1Icwlt-k_O17D6hwU3-Vy5ZCC0Gcd0OyGngiHZ_sC7fId28ka6vSOfDIzRGLyPXfTbj4qIMcbqTUTXjPPh-kd3FAkHGqcOdZ3lAqeegGq6mzpoexb_Dj1hNn7vBsNEy5UJEmEeo-d4zv87n4X_kz2Z3b1Jocvr2DOk8d65LBuKo3EsTWFCVoBUrz2WLTJ0ZgvK6wzTYh4z5pRi7CpIq1-ause_yXNh1MHCuYsNgHbKnZwhs_zskNF7bAyZT0pis-Qo0L95FcZx-c_5gnKyAzQcDWYJec6MTl2XqCkv6j_tA-2EYHuGVtqA6ss0yzpcpI3aQd7z4l6kK0CBIPjiPE1kPvwA';

describe('frozen v1 links', () => {
  it('a preset + overrides link opens to the exact run', () => {
    const r = decodeLink(FROZEN_V1_PRESET_LINK);
    expect(r).toEqual({
      ok: true,
      value: {
        scenario: {
          version: 1,
          name: 'classroom',
          seed: 7,
          guest: { memoryMiB: 64, paging: 'tdp' },
          vcpus: [{ pattern: 'hot-set', hotPermille: 100, hotAccessPermille: 900, gapNs: 4000, count: 3 }],
          strategy: { name: 'fast-3.11', batchZapPages: 20, lockBreak: 'contended', reschedEveryNs: 0 },
          costs: {},
          prepopulate: true,
          durationNs: 3_000_000,
          script: [{ atNs: 300_000, action: { type: 'memslot-delete' } }],
        },
        preset: 'classroom',
        interventions: [
          { atEvent: 1200, action: { type: 'memslot-delete' } },
          { atEvent: 1500, action: { type: 'pause-vcpu', vcpu: 2 } },
          {
            atEvent: 1800,
            action: {
              type: 'set-workload',
              vcpu: 0,
              workload: { pattern: 'sequential', baseGfn: 256, pages: 1024, hotPermille: 100, hotAccessPermille: 900, gapNs: 500 },
            },
          },
        ],
        cursor: 2000,
        view: { selectedPage: 12, zoom: 2.5 },
        notes: [],
      },
    });
  });

  it('a whole-scenario link opens to the exact run', () => {
    const r = decodeLink(FROZEN_V1_SCENARIO_LINK);
    expect(r).toEqual({
      ok: true,
      value: {
        scenario: {
          version: 1,
          name: 'frozen – custom ✓',
          seed: 123456789,
          guest: { memoryMiB: 256, paging: 'tdp', nMaxMmuPages: 500 },
          vcpus: [
            { pattern: 'uniform', baseMiB: 0, sizeMiB: 64, hotPermille: 100, hotAccessPermille: 900, gapNs: 300, count: 2 },
            { pattern: 'hot-set', hotPermille: 50, hotAccessPermille: 990, gapNs: 700, count: 1 },
          ],
          strategy: { name: 'fast-batch', batchZapPages: 5, lockBreak: 'resched-only', reschedEveryNs: 50000 },
          costs: { pageFreeNs: 300, remoteTlbFlushNs: 8000 },
          prepopulate: false,
          durationNs: 4_000_000,
          script: [
            { atNs: 250_000, action: { type: 'memslot-delete' } },
            { atNs: 900_000, action: { type: 'shrink', calls: 3 } },
            {
              atNs: 1_200_000,
              action: {
                type: 'set-workload',
                vcpu: 2,
                workload: { pattern: 'idle', hotPermille: 100, hotAccessPermille: 900, gapNs: 200 },
              },
            },
          ],
        },
        preset: null,
        interventions: [{ atEvent: 40, action: { type: 'shrink', calls: 2 } }],
        cursor: 77,
        view: {},
        notes: [],
      },
    });
  });

  it('re-encoding a frozen link gives a link to the same run', () => {
    const r = decodeLink(FROZEN_V1_PRESET_LINK);
    if (!r.ok) throw new Error(r.error.message);
    const again = encodeLink(r.value);
    expect(again.ok && decodeLink(again.value)).toEqual(r);
  });
});

describe('migrations', () => {
  const table: Record<number, Migration> = {
    1: (v) => ({ ...(v as object), two: true }),
    2: (v) => ({ ...(v as object), three: true }),
  };

  it('runs the steps from N to N+1 in order', () => {
    expect(runMigrations({ a: 1 }, 1, 3, table, 'The link')).toEqual({ ok: true, value: { a: 1, two: true, three: true } });
    expect(runMigrations({ a: 1 }, 3, 3, table, 'The link')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('a missing or throwing step is an E_VERSION error, never a throw', () => {
    const missing = runMigrations({}, 1, 4, table, 'The link');
    expect(!missing.ok && missing.error.code).toBe('E_VERSION');
    expect(!missing.ok && missing.error.message).toContain('version 3');
    const throwing = runMigrations(
      {},
      1,
      2,
      {
        1: () => {
          throw new Error('boom');
        },
      },
      'The link',
    );
    expect(!throwing.ok && throwing.error.message).toContain('boom');
  });

  it('scenarios of an older version are upgraded; version 0 is refused', () => {
    // Version 1 is the first and current version: nothing to upgrade yet, and nothing below 1.
    expect(migrateScenario({ version: 1, x: 1 })).toEqual({ ok: true, value: { version: 1, x: 1 } });
    const zero = migrateScenario({ version: 0 });
    expect(!zero.ok && zero.error.code).toBe('E_VERSION');
    expect(migrateScenario('text')).toEqual({ ok: true, value: 'text' });
  });

  it('the link format written is the current one', () => {
    const r = encodeLink({ scenario: presetVersion('classroom')!.scenario });
    expect(r.ok && r.value.startsWith(`#v${LINK_VERSION}.`)).toBe(true);
  });
});

function stateArb(): fc.Arbitrary<{ state: LinkState; scenario: Scenario }> {
  const fromScratch = scenarioArb().map((input) => scenarioSchema.parse(input));
  // Mix a preset's fields with generated ones, so links take the preset + overrides path
  // (including deleted optional fields).
  const fromPreset = fc
    .tuple(fc.constantFrom(...PRESETS.map((p) => p.name)), scenarioArb(), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }))
    .map(([name, input, picks]) => {
      const base = presetVersion(name)!.scenario as Record<string, unknown>;
      const mixed = Object.fromEntries(
        Object.keys(base).map((k, i) => [k, picks[i] ? ((input as Record<string, unknown>)[k] ?? base[k]) : base[k]]),
      );
      return scenarioSchema.safeParse(mixed);
    })
    .filter((r) => r.success)
    .map((r) => r.data);
  return fc.oneof(fromScratch, fromPreset).chain((scenario) =>
    fc
      .record({
        preset: fc.option(fc.constantFrom(...PRESETS.map((p) => p.name)), { nil: undefined }),
        interventions: interventionsArb(vcpuCount(scenario), scenario.guest.memoryMiB),
        cursor: cursorArb(),
        view: viewArb(),
      })
      .map(({ preset, ...rest }) => ({ scenario, state: { scenario, ...rest, ...(preset ? { preset } : {}) } })),
  );
}

describe('codec round trip', () => {
  it('decode(encode(run)) is the run, for generated scenarios', () => {
    fc.assert(
      fc.property(stateArb(), ({ state, scenario }) => {
        const hash = encodeLink(state);
        expect(hash.ok).toBe(true);
        if (!hash.ok) return;
        expect(hash.value.length - 1).toBeLessThanOrEqual(LINK_LIMITS.maxHashChars);
        const r = decodeLink(hash.value);
        if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
        expect(r.value.scenario).toEqual(scenario);
        expect(r.value.interventions).toEqual(state.interventions);
        expect(r.value.cursor).toEqual(state.cursor);
        expect(r.value.view).toEqual(state.view);
        expect(r.value.notes).toEqual([]);
      }),
      { numRuns: 300, seed: 20240611 },
    );
  });

  it('an unchanged preset makes a short link', () => {
    for (const p of PRESETS) {
      const r = encodeLink({ scenario: presetVersion(p.name)!.scenario });
      expect(r.ok && r.value.length).toBeLessThan(100);
      expect(r.ok && decodeLink(r.value)).toMatchObject({ ok: true, value: { preset: p.name } });
    }
  });

  it('a run too big for a link is refused with E_LINK_SIZE, not cut', () => {
    const scenario = presetVersion('classroom')!.scenario;
    let x = 12345;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const script = Array.from({ length: 500 }, () => ({
      atNs: rnd() % 3_000_000,
      action: {
        type: 'set-workload' as const,
        vcpu: rnd() % 2,
        workload: {
          pattern: 'hot-set' as const,
          hotPermille: 1 + (rnd() % 1000),
          hotAccessPermille: rnd() % 1000,
          gapNs: 1 + (rnd() % 1e9),
        },
      },
    }));
    const interventions = Array.from({ length: 200 }, () => ({
      atEvent: rnd(),
      action: { type: 'shrink' as const, calls: 1 + (rnd() % 99_999) },
    }));
    const r = encodeLink({ scenario: { ...scenario, script }, interventions });
    expect(!r.ok && r.error.code).toBe('E_LINK_SIZE');
  });

  it('linkUrl replaces the hash', () => {
    expect(linkUrl('https://x.org/fz/?a=1#old', '#v1.abc')).toBe('https://x.org/fz/?a=1#v1.abc');
    expect(linkUrl('https://x.org/fz/', '#v1.abc')).toBe('https://x.org/fz/#v1.abc');
  });
});

describe('readable links', () => {
  it('#v1:preset=…&seed=…&cursor=… opens the current preset with those settings', () => {
    const r = decodeLink('#v1:preset=root-in-use&seed=9&strategy=zap-all&cursor=120&page=3&zoom=1.5');
    expect(r).toMatchObject({ ok: true, value: { preset: 'root-in-use', cursor: 120, view: { selectedPage: 3, zoom: 1.5 }, notes: [] } });
    expect(r.ok && r.value.scenario.seed).toBe(9);
    expect(r.ok && r.value.scenario.strategy.name).toBe('zap-all');
  });

  it('a bad seed is a scenario error naming the field and range', () => {
    const r = decodeLink('#v1:preset=classroom&seed=-4');
    expect(!r.ok && r.error.code).toBe('E_SCHEMA');
    expect(!r.ok && r.error.message).toContain('seed must be between 0 and 4294967295');
  });
});

describe('what a link keeps when parts are bad', () => {
  it('bad view, cursor and interventions are dropped with notes; the scenario opens', () => {
    const r = decodeLink('#v1:preset=classroom&cursor=x&zoom=1000&page=2');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.cursor).toBeNull();
    expect(r.value.view).toEqual({ selectedPage: 2 });
    expect(r.value.notes.join(' ')).toContain("The link's moment (cursor) was invalid and was ignored");
    expect(r.value.notes.join(' ')).toContain(
      "The link's view settings were partly invalid and were ignored (zoom must be between 0.01 and 100); the scenario opened.",
    );
  });

  it('interventions naming a vCPU the scenario lacks are dropped, the others kept', () => {
    const scenario = presetVersion('classroom')!.scenario; // 2 vCPUs
    const hash = encodeLink({
      scenario,
      interventions: [
        { atEvent: 5, action: { type: 'pause-vcpu', vcpu: 1 } },
        { atEvent: 6, action: { type: 'pause-vcpu', vcpu: 7 } },
        { atEvent: 9, action: { type: 'memslot-delete' } },
      ],
    });
    const r = hash.ok ? decodeLink(hash.value) : hash;
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.interventions.map((x) => x.atEvent)).toEqual([5, 9]);
    expect(r.value.notes).toEqual([
      "1 intervention of the link's 3 was invalid and dropped (interventions[1]: action.vcpu must be between 0 and 1); the scenario and the other 2 interventions opened, so the run may differ from the one shared.",
    ]);
  });

  it('openLink falls back to the default run and says so', () => {
    const r = openLink('#v1.AAAA');
    expect(r.run.preset).toBe('classroom');
    expect(r.error?.code).toBe(ERRORS.E_LINK_DECODE);
    expect(r.error?.message).toMatch(/damaged.*The default scenario \(Classroom: a tiny VM\) opened instead\.$/);
    expect(openLink('')).toMatchObject({ error: null, run: { preset: 'classroom', cursor: null } });
  });

  it('specific messages: cut, too long, not ours, newer version, unknown preset', () => {
    const cut = decodeLink(FROZEN_V1_PRESET_LINK.slice(0, 120));
    expect(!cut.ok && cut.error.code).toBe('E_LINK_DECODE');
    expect(!cut.ok && cut.error.message).toMatch(/cut short/);
    const long = decodeLink(`#v1.${'A'.repeat(LINK_LIMITS.maxHashChars)}`);
    expect(!long.ok && long.error).toMatchObject({
      code: 'E_LINK_SIZE',
      message: expect.stringContaining('the limit is 16384') as unknown,
    });
    expect(decodeLink('#section-2')).toMatchObject({ ok: false, error: { code: 'E_LINK_FORMAT' } });
    expect(decodeLink('#v9.abc')).toMatchObject({
      ok: false,
      error: { code: 'E_VERSION', message: expect.stringContaining('v9') as unknown },
    });
    expect(decodeLink('#v1:preset=nope')).toMatchObject({
      ok: false,
      error: { code: 'E_PRESET', message: expect.stringContaining('"nope"') as unknown },
    });
  });
});
