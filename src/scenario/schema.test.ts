/** The scenario schema (schema.ts, validate.ts) and its mapping to the core (toConfig.ts). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS, PAGES_PER_GIB, defaultMaxMmuPages } from '../sim/index.ts';
import { toConfig } from './toConfig.ts';
import { parseScenarioJson, validateScenario } from './validate.ts';

const MIB = PAGES_PER_GIB / 1024;

/** A valid scenario, with fields replaced (possibly by invalid values: it is validated later). */
const minimal = (over: Record<string, unknown> = {}): unknown => ({
  version: 1,
  guest: { memoryMiB: 256 },
  vcpus: [{ count: 2, pattern: 'uniform' }],
  durationNs: 1_000_000,
  ...over,
});

function valid(input: unknown) {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function problem(input: unknown) {
  const r = validateScenario(input);
  if (r.ok) throw new Error('expected a validation error');
  return r.error;
}

describe('scenario schema', () => {
  it('fills every default', () => {
    const sc = valid(minimal());
    expect(sc).toMatchObject({
      name: 'custom',
      seed: 1,
      guest: { memoryMiB: 256, paging: 'tdp' },
      strategy: { name: 'fast-3.11', batchZapPages: 10, lockBreak: 'contended', reschedEveryNs: 0 },
      prepopulate: true,
      script: [],
      costs: {},
    });
    expect(sc.vcpus[0]).toMatchObject({ count: 2, hotPermille: 100, hotAccessPermille: 900, gapNs: 200 });
  });

  it.each([
    [{ seed: -1 }, 'seed'],
    [{ seed: 2 ** 32 }, 'seed'],
    [{ seed: 1.5 }, 'seed'],
    [{ guest: { memoryMiB: 1 } }, 'guest.memoryMiB'],
    [{ guest: { memoryMiB: 256, nMaxMmuPages: 10 } }, 'guest.nMaxMmuPages'],
    [{ vcpus: [{ count: 256, pattern: 'uniform' }] }, 'count'],
    [
      {
        vcpus: [
          { count: 200, pattern: 'uniform' },
          { count: 56, pattern: 'uniform' },
        ],
      },
      'at most 255 vCPUs',
    ],
    [{ vcpus: [{ count: 1 }] }, 'pattern'],
    [{ vcpus: [] }, 'vcpus'],
    [{ vcpus: [{ pattern: 'uniform', gapNs: 0 }] }, 'gapNs'],
    [{ vcpus: [{ pattern: 'hot-set', hotPermille: 1001 }] }, 'hotPermille'],
    [{ durationNs: 999 }, 'durationNs'],
    [{ durationNs: 10_000_000_001 }, 'durationNs'],
    [{ strategy: { name: 'zap-some' } }, 'strategy.name'],
    [{ strategy: { name: 'fast-3.11', batchZapPages: 0 } }, 'strategy.batchZapPages'],
    [{ strategy: { name: 'fast-3.11', lockBreak: 'never' } }, 'strategy.lockBreak'],
    [{ costs: { leafSpteDropNs: -5 } }, 'leafSpteDropNs'],
    [{ script: [{ atNs: 5, action: { type: 'explode' } }] }, 'action.type'],
    [{ script: [{ atNs: 2_000_000, action: { type: 'memslot-delete' } }] }, 'atNs'],
    [{ script: [{ atNs: 5, action: { type: 'pause-vcpu', vcpu: 2 } }] }, 'vcpu'],
    [{ vcpus: [{ count: 1, pattern: 'uniform', baseMiB: 200, sizeMiB: 100 }] }, 'beyond guest memory'],
  ])('refuses %j, naming %s', (over, field) => {
    const err = problem(minimal(over));
    expect(err.code).toBe('E_SCHEMA');
    expect([err.message, ...err.issues].join('\n')).toContain(field);
  });

  it('says what range a number must be in', () => {
    expect(problem(minimal({ seed: -1 })).message).toMatch(/seed must be between 0 and 4294967295/);
  });

  it('refuses unknown fields and says which', () => {
    const err = problem(minimal({ colour: 'red' }));
    expect(err.issues.join('\n')).toMatch(/unknown field colour/);
  });

  it('refuses a newer version with E_VERSION and bad JSON with E_JSON', () => {
    expect(problem(minimal({ version: 2 })).code).toBe('E_VERSION');
    const bad = parseScenarioJson('{ "version": 1, ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('E_JSON');
  });

  it('refuses a pre-populated map larger than the page limit (1 TiB is allowed, not 2)', () => {
    expect(validateScenario(minimal({ guest: { memoryMiB: 1024 * 1024 } })).ok).toBe(true);
    expect(problem(minimal({ guest: { memoryMiB: 1024 * 1024 + 1 } })).code).toBe('E_SCHEMA');
  });
});

describe('toConfig', () => {
  it('packs unplaced working sets one after another, an equal share each', () => {
    const cfg = toConfig(valid(minimal({ vcpus: [{ count: 4, pattern: 'uniform' }] })));
    expect(cfg.vcpus.map((w) => [w.baseGfn / MIB, w.pages / MIB])).toEqual([
      [0, 64],
      [64, 64],
      [128, 64],
      [192, 64],
    ]);
    expect(cfg.guestPages).toBe(256 * MIB);
  });

  it('places a group with baseMiB at base, base + size, ...', () => {
    const cfg = toConfig(valid(minimal({ vcpus: [{ count: 3, baseMiB: 16, sizeMiB: 8, pattern: 'hot-set', gapNs: 900 }] })));
    expect(cfg.vcpus.map((w) => w.baseGfn / MIB)).toEqual([16, 24, 32]);
    expect(cfg.vcpus[0]).toMatchObject({ pattern: 'hot-set', pages: 8 * MIB, gapNs: 900 });
  });

  it('n_max_mmu_pages: 2% of guest pages, at least 64, unless overridden', () => {
    expect(toConfig(valid(minimal())).nMaxMmuPages).toBe(Math.floor((256 * MIB * 20) / 1000));
    expect(toConfig(valid(minimal({ guest: { memoryMiB: 8 } }))).nMaxMmuPages).toBe(64);
    expect(toConfig(valid(minimal({ guest: { memoryMiB: 256, nMaxMmuPages: 99 } }))).nMaxMmuPages).toBe(99);
  });

  it('reproduces the 32-bit wrap of 3.11 for a 1 TiB guest (KERNEL.md section 4)', () => {
    expect(defaultMaxMmuPages(256 * PAGES_PER_GIB)).toBe(1_342_177);
    expect(defaultMaxMmuPages(1024 * PAGES_PER_GIB)).toBe(1_073_741);
  });

  it('merges cost overrides over the defaults', () => {
    const cfg = toConfig(valid(minimal({ costs: { remoteTlbFlushNs: 9000 } })));
    expect(cfg.costs).toEqual({ ...DEFAULT_COSTS, remoteTlbFlushNs: 9000 });
  });

  it('carries the strategy, lock-break policy and script', () => {
    const cfg = toConfig(
      valid(
        minimal({
          strategy: { name: 'fast-batch', batchZapPages: 4, lockBreak: 'resched-only', reschedEveryNs: 50_000 },
          script: [
            { atNs: 10, action: { type: 'memslot-delete' } },
            { atNs: 20, action: { type: 'set-workload', vcpu: 1, workload: { pattern: 'sequential', baseMiB: 32, sizeMiB: 4 } } },
          ],
        }),
      ),
    );
    expect(cfg).toMatchObject({ strategy: 'fast-batch', batchZapPages: 4, lockBreak: 'resched-only', reschedEveryNs: 50_000 });
    expect(cfg.script[0]).toEqual({ atNs: 10, action: { type: 'memslot-delete' } });
    expect(cfg.script[1]!.action).toMatchObject({
      type: 'set-workload',
      vcpu: 1,
      workload: { pattern: 'sequential', baseGfn: 32 * MIB, pages: 4 * MIB },
    });
  });
});
