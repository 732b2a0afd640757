/**
 * fast-check arbitraries of valid scenarios and of what links carry with them. For tests only
 * (nothing in the app imports this file); every value they produce passes the schema, which
 * `arbitraries.test.ts` checks.
 */
import fc from 'fast-check';
import { DEFAULT_COSTS, STRATEGY_NAMES, type Intervention, type TimedIntervention } from '../sim/public.ts';
import type { LinkView } from './extras.ts';
import { LINK_LIMITS } from './limits.ts';
import { LIMITS, type ScenarioInput } from './schema.ts';

const PATTERNS = ['uniform', 'hot-set', 'sequential', 'idle'] as const;

/** Optional fields: absent or present, never `undefined` (exactOptionalPropertyTypes). */
function withOptional<T extends Record<string, unknown>>(required: fc.Arbitrary<T>, optional: { [K in string]: fc.Arbitrary<unknown> }): fc.Arbitrary<T> {
  return fc.tuple(required, fc.record(optional, { requiredKeys: [] })).map(([r, o]) => ({ ...r, ...o }));
}

const workloadFields = {
  hotPermille: fc.integer({ min: 1, max: 1000 }),
  hotAccessPermille: fc.integer({ min: 0, max: 1000 }),
  gapNs: fc.oneof(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 1_000_000_000 })),
};

function groupArb(memoryMiB: number) {
  return fc.integer({ min: 1, max: 40 }).chain((count) =>
    fc.oneof(
      // Packed after the previous group: only the size is bounded.
      withOptional(fc.record({ count: fc.constant(count), pattern: fc.constantFrom(...PATTERNS) }), { sizeMiB: fc.integer({ min: 0, max: memoryMiB }), ...workloadFields }),
      // Placed: base + size × count within guest memory.
      fc.integer({ min: 0, max: Math.floor(memoryMiB / count) }).chain((sizeMiB) =>
        withOptional(
          fc.record({ count: fc.constant(count), pattern: fc.constantFrom(...PATTERNS), sizeMiB: fc.constant(sizeMiB), baseMiB: fc.integer({ min: 0, max: memoryMiB - sizeMiB * count }) }),
          workloadFields,
        ),
      ),
    ),
  );
}

function scriptActionArb(vcpus: number) {
  const vcpu = fc.integer({ min: 0, max: vcpus - 1 });
  return fc.oneof(
    fc.constant({ type: 'memslot-delete' as const }),
    fc.constant({ type: 'bump-generation' as const }),
    withOptional(fc.record({ type: fc.constant('shrink' as const) }), { calls: fc.integer({ min: 1, max: 100_000 }) }),
    fc.record({ type: fc.constant('pause-vcpu' as const), vcpu }),
    fc.record({ type: fc.constant('resume-vcpu' as const), vcpu }),
    fc.record({
      type: fc.constant('set-workload' as const),
      vcpu,
      workload: withOptional(fc.record({ pattern: fc.constantFrom(...PATTERNS) }), { sizeMiB: fc.integer({ min: 0, max: 1024 }), baseMiB: fc.integer({ min: 0, max: 1024 }), ...workloadFields }),
    }),
  );
}

const costKeys = Object.keys(DEFAULT_COSTS);

/** A valid scenario input (defaults sometimes left out), within LIMITS. */
export function scenarioArb(): fc.Arbitrary<ScenarioInput> {
  const memory = fc.oneof(fc.integer({ min: 2, max: 4096 }), fc.integer({ min: 2, max: LIMITS.maxGuestMiB }));
  return memory.chain((memoryMiB) =>
    fc.array(groupArb(memoryMiB), { minLength: 1, maxLength: 6 }).chain((vcpus) => {
      const total = vcpus.reduce((n, g) => n + g.count, 0);
      return fc.integer({ min: 1000, max: LIMITS.maxDurationNs }).chain((durationNs) =>
        withOptional(
          fc.record({
            version: fc.constant(1 as const),
            guest: withOptional(fc.record({ memoryMiB: fc.constant(memoryMiB) }), { nMaxMmuPages: fc.integer({ min: 64, max: 100_000_000 }), paging: fc.constant('tdp' as const) }),
            vcpus: fc.constant(vcpus),
            durationNs: fc.constant(durationNs),
          }),
          {
            name: fc.string({ maxLength: 40, unit: 'binary' }),
            seed: fc.integer({ min: 0, max: 0xffffffff }),
            strategy: withOptional(fc.record({ name: fc.constantFrom(...STRATEGY_NAMES) }), {
              batchZapPages: fc.integer({ min: 1, max: 100_000 }),
              lockBreak: fc.constantFrom('contended' as const, 'resched-only' as const),
              reschedEveryNs: fc.integer({ min: 0, max: LIMITS.maxDurationNs }),
            }),
            costs: fc.record(Object.fromEntries(costKeys.map((k) => [k, fc.integer({ min: 0, max: LIMITS.maxCostNs })])), { requiredKeys: [] }),
            prepopulate: fc.boolean(),
            script: fc.array(fc.record({ atNs: fc.integer({ min: 0, max: durationNs }), action: scriptActionArb(total) }), { maxLength: 8 }),
          },
        ),
      );
    }),
  );
}

/** Interventions as the time machine records them, valid for a scenario with `vcpus` vCPUs and `guestMiB`. */
export function interventionsArb(vcpus: number, guestMiB: number): fc.Arbitrary<TimedIntervention[]> {
  const vcpu = fc.integer({ min: 0, max: vcpus - 1 });
  const guestPages = guestMiB * 256;
  const action: fc.Arbitrary<Intervention> = fc.oneof(
    fc.constant({ type: 'memslot-delete' as const }),
    fc.constant({ type: 'bump-generation' as const }),
    fc.record({ type: fc.constant('shrink' as const), calls: fc.integer({ min: 1, max: 100_000 }) }),
    fc.record({ type: fc.constant('pause-vcpu' as const), vcpu }),
    fc.record({ type: fc.constant('resume-vcpu' as const), vcpu }),
    fc.integer({ min: 0, max: guestPages }).chain((pages) =>
      fc.record({
        type: fc.constant('set-workload' as const),
        vcpu,
        workload: fc.record({
          pattern: fc.constantFrom(...PATTERNS),
          baseGfn: fc.integer({ min: 0, max: guestPages - pages }),
          pages: fc.constant(pages),
          hotPermille: workloadFields.hotPermille,
          hotAccessPermille: workloadFields.hotAccessPermille,
          gapNs: workloadFields.gapNs,
        }),
      }),
    ),
  );
  return fc.array(fc.record({ atEvent: fc.integer({ min: 0, max: LINK_LIMITS.maxEventIndex }), action }), { maxLength: 12 });
}

export function viewArb(): fc.Arbitrary<LinkView> {
  return fc.record(
    { selectedPage: fc.integer({ min: 0, max: LINK_LIMITS.maxPageId }), zoom: fc.double({ min: LINK_LIMITS.minZoom, max: LINK_LIMITS.maxZoom, noNaN: true }) },
    { requiredKeys: [] },
  );
}

export function cursorArb(): fc.Arbitrary<number | null> {
  return fc.option(fc.integer({ min: 0, max: LINK_LIMITS.maxEventIndex }));
}
