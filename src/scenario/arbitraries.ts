/**
 * fast-check arbitraries of valid scenarios and of what links carry with them. For tests only
 * (nothing in the app imports this file); every value they produce passes the schema, which
 * `arbitraries.test.ts` checks.
 */
import fc from 'fast-check';
import { BATCH_ZAP_PAGES, DEFAULT_COSTS, STRATEGY_NAMES, type Intervention, type TimedIntervention } from '../sim/public.ts';
import type { LinkView } from './extras.ts';
import { LINK_LIMITS } from './limits.ts';
import { LIMITS, type ScenarioInput } from './schema.ts';

const PATTERNS = ['uniform', 'hot-set', 'sequential', 'idle'] as const;
const seedArb = fc.integer({ min: 0, max: 0xffffffff });
const strategyNameArb = fc.constantFrom(...STRATEGY_NAMES);
/** The kernel's batch often, any small one otherwise. */
const batchZapPagesArb = fc.oneof(fc.constant(BATCH_ZAP_PAGES), fc.integer({ min: 1, max: 16 }));

/** Optional fields: absent or present, never `undefined` (exactOptionalPropertyTypes). */
function withOptional<T extends Record<string, unknown>>(
  required: fc.Arbitrary<T>,
  optional: { [K in string]: fc.Arbitrary<unknown> },
): fc.Arbitrary<T> {
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
      withOptional(fc.record({ count: fc.constant(count), pattern: fc.constantFrom(...PATTERNS) }), {
        sizeMiB: fc.integer({ min: 0, max: memoryMiB }),
        ...workloadFields,
      }),
      // Placed: base + size × count within guest memory.
      fc.integer({ min: 0, max: Math.floor(memoryMiB / count) }).chain((sizeMiB) =>
        withOptional(
          fc.record({
            count: fc.constant(count),
            pattern: fc.constantFrom(...PATTERNS),
            sizeMiB: fc.constant(sizeMiB),
            baseMiB: fc.integer({ min: 0, max: memoryMiB - sizeMiB * count }),
          }),
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
      workload: withOptional(fc.record({ pattern: fc.constantFrom(...PATTERNS) }), {
        sizeMiB: fc.integer({ min: 0, max: 1024 }),
        baseMiB: fc.integer({ min: 0, max: 1024 }),
        ...workloadFields,
      }),
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
            guest: withOptional(fc.record({ memoryMiB: fc.constant(memoryMiB) }), {
              nMaxMmuPages: fc.integer({ min: 64, max: 100_000_000 }),
              paging: fc.constant('tdp' as const),
            }),
            vcpus: fc.constant(vcpus),
            durationNs: fc.constant(durationNs),
          }),
          {
            name: fc.string({ maxLength: 40, unit: 'binary' }),
            seed: seedArb,
            strategy: withOptional(fc.record({ name: strategyNameArb }), {
              batchZapPages: fc.integer({ min: 1, max: 100_000 }),
              lockBreak: fc.constantFrom('contended' as const, 'resched-only' as const),
              reschedEveryNs: fc.integer({ min: 0, max: LIMITS.maxDurationNs }),
            }),
            costs: fc.record(Object.fromEntries(costKeys.map((k) => [k, fc.integer({ min: 0, max: LIMITS.maxCostNs })])), {
              requiredKeys: [],
            }),
            prepopulate: fc.boolean(),
            script: fc.array(fc.record({ atNs: fc.integer({ min: 0, max: durationNs }), action: scriptActionArb(total) }), {
              maxLength: 8,
            }),
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
    {
      selectedPage: fc.integer({ min: 0, max: LINK_LIMITS.maxPageId }),
      zoom: fc.double({ min: LINK_LIMITS.minZoom, max: LINK_LIMITS.maxZoom, noNaN: true }),
    },
    { requiredKeys: [] },
  );
}

export function cursorArb(): fc.Arbitrary<number | null> {
  return fc.option(fc.integer({ min: 0, max: LINK_LIMITS.maxEventIndex }));
}

/**
 * Small scenarios for the core's property tests: 8-80 MiB guest, 1-4 vCPUs (one placed group
 * each), under 1.2 ms, up to 6 script entries, every strategy and lock-break policy. A failing
 * case shrinks to a scenario, which a link opens in the app.
 */
export function smallScenarioArb(): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      guestMiB: fc.integer({ min: 8, max: 80 }),
      vcpus: fc.integer({ min: 1, max: 4 }),
      seed: seedArb,
      name: strategyNameArb,
      lockBreak: fc.constantFrom('contended' as const, 'contended' as const, 'resched-only' as const),
      reschedEveryNs: fc.oneof(fc.constant(0), fc.integer({ min: 5_000, max: 200_000 })),
      batchZapPages: batchZapPagesArb,
      smallLimit: fc.boolean(),
      prepopulate: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      durationNs: fc.integer({ min: 200_000, max: 1_200_000 }),
    })
    .chain((b) =>
      fc
        .record({
          workloads: fc.array(placedWorkloadArb(b.guestMiB), { minLength: b.vcpus, maxLength: b.vcpus }),
          script: fc.array(fc.record({ atNs: fc.integer({ min: 0, max: b.durationNs }), action: smallActionArb(b.guestMiB, b.vcpus) }), {
            maxLength: 6,
          }),
        })
        .map(({ workloads, script }): ScenarioInput => ({
          version: 1,
          seed: b.seed,
          guest: { memoryMiB: b.guestMiB, nMaxMmuPages: b.smallLimit ? 64 : 1000 },
          vcpus: workloads.map((w) => ({ count: 1, ...w })),
          strategy: { name: b.name, batchZapPages: b.batchZapPages, lockBreak: b.lockBreak, reschedEveryNs: b.reschedEveryNs },
          prepopulate: b.prepopulate,
          durationNs: b.durationNs,
          script,
        })),
    );
}

/**
 * Busy scenarios, where the fast walk must break mmu_lock: 2-4 vCPUs each with 16-48 MiB mapped
 * and touching memory fast, one or two memslot deletions early, contended lock breaks.
 */
export function busyScenarioArb(): fc.Arbitrary<ScenarioInput> {
  return fc
    .record({
      vcpus: fc.integer({ min: 2, max: 4 }),
      sizeMiB: fc.integer({ min: 16, max: 48 }),
      gapNs: fc.integer({ min: 150, max: 800 }),
      pattern: fc.constantFrom('uniform' as const, 'hot-set' as const, 'sequential' as const),
      seed: seedArb,
      name: strategyNameArb,
      batchZapPages: batchZapPagesArb,
      deletes: fc.array(fc.integer({ min: 20_000, max: 600_000 }), { minLength: 1, maxLength: 2 }),
      extra: fc.array(fc.record({ atNs: fc.integer({ min: 0, max: 800_000 }), action: smallActionArb(64, 2) }), { maxLength: 3 }),
    })
    .map((b): ScenarioInput => ({
      version: 1,
      seed: b.seed,
      guest: { memoryMiB: 4 * 64, nMaxMmuPages: 5000 },
      vcpus: Array.from({ length: b.vcpus }, (_, k) => ({
        count: 1,
        pattern: b.pattern,
        baseMiB: k * 64,
        sizeMiB: b.sizeMiB,
        hotPermille: 200,
        hotAccessPermille: 800,
        gapNs: b.gapNs,
      })),
      strategy: { name: b.name, batchZapPages: b.batchZapPages, lockBreak: 'contended', reschedEveryNs: 0 },
      prepopulate: true,
      durationNs: 2_000_000,
      script: [...b.deletes.map((atNs) => ({ atNs, action: { type: 'memslot-delete' as const } })), ...b.extra],
    }));
}

/** A working set placed inside a `guestMiB` guest (1-32 MiB, clipped to the guest's end). */
function placedWorkloadArb(guestMiB: number) {
  return fc
    .record({
      pattern: fc.constantFrom('uniform' as const, 'uniform' as const, 'hot-set' as const, 'sequential' as const, 'idle' as const),
      baseMiB: fc.integer({ min: 0, max: guestMiB - 1 }),
      sizeMiB: fc.integer({ min: 1, max: 32 }),
      hotPermille: fc.integer({ min: 1, max: 1000 }),
      hotAccessPermille: fc.integer({ min: 0, max: 1000 }),
      gapNs: fc.oneof(fc.integer({ min: 150, max: 600 }), fc.integer({ min: 150, max: 6000 })),
    })
    .map((w) => ({ ...w, sizeMiB: Math.min(w.sizeMiB, guestMiB - w.baseMiB) }));
}

/** Script actions for small scenarios, weighted towards memslot deletion. */
function smallActionArb(guestMiB: number, vcpus: number) {
  const vcpu = fc.integer({ min: 0, max: vcpus - 1 });
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({ type: 'memslot-delete' as const }) },
    { weight: 1, arbitrary: fc.constant({ type: 'bump-generation' as const }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((calls) => ({ type: 'shrink' as const, calls })) },
    { weight: 2, arbitrary: vcpu.map((v) => ({ type: 'pause-vcpu' as const, vcpu: v })) },
    { weight: 2, arbitrary: vcpu.map((v) => ({ type: 'resume-vcpu' as const, vcpu: v })) },
    {
      weight: 1,
      arbitrary: fc.tuple(vcpu, placedWorkloadArb(guestMiB)).map(([v, workload]) => ({ type: 'set-workload' as const, vcpu: v, workload })),
    },
  );
}
