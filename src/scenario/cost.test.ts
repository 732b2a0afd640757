/**
 * The cost estimate against real runs: every preset to its end, and variants that stress what
 * the model knows (zero costs, no pre-populated map, hot-set and sequential workloads, zap-all,
 * a tiny n_max_mmu_pages). The estimate holds within FACTOR of the real event and step counts
 * (measured when written: presets 0.65 to 1.23, variants 0.84 to 1.12).
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/index.ts';
import { DEFAULT_COSTS } from '../sim/public.ts';
import { estimateRun, plannedCut } from './cost.ts';
import { RUN_BUDGET } from './limits.ts';
import { PRESETS, findPreset, type Preset } from './presets.ts';
import type { Scenario, ScenarioInput } from './schema.ts';
import { toConfig } from './toConfig.ts';
import { validateScenario } from './validate.ts';

/** The estimate is within this factor of a real run, either way. */
const FACTOR = 2;

function valid(input: ScenarioInput): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const variant = (name: string, patch: (s: ScenarioInput) => ScenarioInput): Scenario =>
  valid(patch(structuredClone((findPreset(name) as Preset).scenario)));

function realRun(sc: Scenario): { events: number; steps: number } {
  let events = 0;
  let steps = 0;
  const sim = Simulation.create(toConfig(sc), () => events++);
  while (sim.step()) steps++;
  return { events, steps };
}

function expectWithin(label: string, estimate: number, real: number): void {
  const ratio = estimate / real;
  expect(ratio, `${label}: estimate ${estimate}, real ${real}`).toBeGreaterThanOrEqual(1 / FACTOR);
  expect(ratio, `${label}: estimate ${estimate}, real ${real}`).toBeLessThanOrEqual(FACTOR);
}

const zeroCosts = Object.fromEntries(Object.keys(DEFAULT_COSTS).map((k) => [k, 0]));

const VARIANTS: readonly [string, Scenario][] = [
  ['classroom, every cost 0', variant('classroom', (s) => ({ ...s, costs: zeroCosts }))],
  [
    'memslot-delete-under-load, every cost 0, 4 ms',
    variant('memslot-delete-under-load', (s) => ({ ...s, costs: zeroCosts, durationNs: 4_000_000 })),
  ],
  ['back-to-back, not pre-populated', variant('back-to-back', (s) => ({ ...s, prepopulate: false }))],
  ['shrinker-first, hot-set', variant('shrinker-first', (s) => ({ ...s, vcpus: [{ count: 4, pattern: 'hot-set', gapNs: 400 }] }))],
  ['shrinker-first, sequential', variant('shrinker-first', (s) => ({ ...s, vcpus: [{ count: 4, pattern: 'sequential', gapNs: 400 }] }))],
  ['classroom, zap-all', variant('classroom', (s) => ({ ...s, strategy: { name: 'zap-all' } }))],
  ['classroom, n_max_mmu_pages 64', variant('classroom', (s) => ({ ...s, guest: { ...s.guest, nMaxMmuPages: 64 } }))],
];

describe('estimateRun', () => {
  it.each(PRESETS.map((p) => [p.name, valid(p.scenario)] as const))(
    `is within a factor of ${FACTOR} of a real run of the preset %s`,
    (name, sc) => {
      const e = estimateRun(sc);
      const real = realRun(sc);
      expectWithin(`${name} events`, e.events, real.events);
      expectWithin(`${name} steps`, e.steps, real.steps);
      // No preset comes near a budget.
      expect(plannedCut(e)).toBeNull();
    },
  );

  it.each(VARIANTS)(`is within a factor of ${FACTOR} of a real run of %s`, (name, sc) => {
    const e = estimateRun(sc);
    const real = realRun(sc);
    expectWithin(`${name} events`, e.events, real.events);
    expectWithin(`${name} steps`, e.steps, real.steps);
  });

  it('sees the work of steps that emit no event: the wedge scenario is cut by its guest accesses', () => {
    // classroom with 255 vCPUs touching a page every 1 ns for 10 s: the map is full, so nearly
    // every step is 1024 accesses and no event.
    const wedge = variant('classroom', (s) => ({
      ...s,
      vcpus: s.vcpus.map((g) => ({ ...g, count: 255, gapNs: 1 })),
      durationNs: 10_000_000_000,
    }));
    const e = estimateRun(wedge);
    expect(e.guestAccesses).toBeGreaterThan(0.99 * 255 * 10_000_000_000);
    expect(e.events).toBeLessThan(RUN_BUDGET.maxEvents);
    const cut = plannedCut(e);
    expect(cut?.reason).toBe('work');
    expect(cut!.atNs).toBeGreaterThan(RUN_BUDGET.maxGuestAccesses / 255 / 2);
    expect(cut!.atNs).toBeLessThan(e.durationNs / 100);
    // Its steps before the memslot deletion: 1024 accesses each, as the real run takes them.
    const early = variant('classroom', (s) => ({
      ...s,
      vcpus: s.vcpus.map((g) => ({ ...g, count: 16, gapNs: 1 })),
      durationNs: 250_000,
      script: [],
    }));
    expectWithin('16 vCPUs at 1 ns, 250 µs: steps', estimateRun(early).steps, realRun(early).steps);
  });

  it('finds the zero-cost flood: the large guest with every cost 0 needs ~100 M events and is cut early', () => {
    const flood = variant('large-guest', (s) => ({ ...s, costs: zeroCosts }));
    const e = estimateRun(flood);
    expect(e.events).toBeGreaterThan((20 * RUN_BUDGET.maxEvents) / 10);
    expect(plannedCut(e)).toMatchObject({ reason: 'events' });
    expect(plannedCut(e)!.atNs).toBeLessThan(e.durationNs / 10);
  });
});
