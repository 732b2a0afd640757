/**
 * Property tests over random small scenarios: every invariant (invariants.ts) holds after every
 * step and at the end, whatever the strategy, lock-break policy, workloads and interventions.
 * A failure prints the SimConfig as JSON: paste it into `Simulation.create` (or a scenario) to
 * replay it exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from './constants.ts';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import { STRATEGIES, STRATEGY_NAMES, nextGen } from './strategy.ts';
import { logHash, PAGES_PER_MIB, runChecked, runLog } from './testkit.ts';
import type { Intervention, ScriptedIntervention, SimConfig, Workload } from './types.ts';

/** Property runs (the issue asks for at least 200); FASTZAP_PROPERTY_RUNS raises it locally. */
const RUNS = Math.max(500, Number(globalThis.process?.env.FASTZAP_PROPERTY_RUNS ?? 0) || 0);
const BUSY_RUNS = Math.floor(RUNS / 2);

const workloadArb = (guestMib: number): fc.Arbitrary<Workload> =>
  fc
    .record({
      pattern: fc.constantFrom<Workload['pattern']>('uniform', 'uniform', 'hot-set', 'sequential', 'idle'),
      baseMib: fc.integer({ min: 0, max: guestMib - 1 }),
      sizeMib: fc.integer({ min: 1, max: 32 }),
      hotPermille: fc.integer({ min: 1, max: 1000 }),
      hotAccessPermille: fc.integer({ min: 0, max: 1000 }),
      gapNs: fc.oneof(fc.integer({ min: 150, max: 600 }), fc.integer({ min: 150, max: 6000 })),
    })
    .map((w) => {
      const size = Math.min(w.sizeMib, guestMib - w.baseMib);
      return {
        pattern: w.pattern,
        baseGfn: w.baseMib * PAGES_PER_MIB,
        pages: size * PAGES_PER_MIB,
        hotPermille: w.hotPermille,
        hotAccessPermille: w.hotAccessPermille,
        gapNs: w.gapNs,
      };
    });

const interventionArb = (guestMib: number, vcpus: number): fc.Arbitrary<Intervention> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant<Intervention>({ type: 'memslot-delete' }) },
    { weight: 1, arbitrary: fc.constant<Intervention>({ type: 'bump-generation' }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }).map((calls): Intervention => ({ type: 'shrink', calls })) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: vcpus - 1 }).map((vcpu): Intervention => ({ type: 'pause-vcpu', vcpu })) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: vcpus - 1 }).map((vcpu): Intervention => ({ type: 'resume-vcpu', vcpu })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: vcpus - 1 }), workloadArb(guestMib))
        .map(([vcpu, workload]): Intervention => ({ type: 'set-workload', vcpu, workload })),
    },
  );

/** A small random scenario: 8-80 MiB guest, 1-4 vCPUs, under 1.2 ms, up to 6 interventions. */
const configArb: fc.Arbitrary<SimConfig> = fc
  .record({
    guestMib: fc.integer({ min: 8, max: 80 }),
    vcpus: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    strategy: fc.constantFrom(...STRATEGY_NAMES),
    lockBreak: fc.constantFrom<SimConfig['lockBreak']>('contended', 'contended', 'resched-only'),
    reschedEveryNs: fc.oneof(fc.constant(0), fc.integer({ min: 5_000, max: 200_000 })),
    batchZapPages: fc.oneof(fc.constant(10), fc.integer({ min: 1, max: 16 })),
    smallLimit: fc.boolean(),
    prepopulate: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    durationNs: fc.integer({ min: 200_000, max: 1_200_000 }),
  })
  .chain((b) =>
    fc
      .record({
        workloads: fc.array(workloadArb(b.guestMib), { minLength: b.vcpus, maxLength: b.vcpus }),
        script: fc.array(
          fc.record({ atNs: fc.integer({ min: 0, max: b.durationNs }), action: interventionArb(b.guestMib, b.vcpus) }),
          { maxLength: 6 },
        ),
      })
      .map(({ workloads, script }): SimConfig => ({
        seed: b.seed,
        strategy: b.strategy,
        lockBreak: b.lockBreak,
        reschedEveryNs: b.reschedEveryNs,
        batchZapPages: b.batchZapPages,
        guestPages: b.guestMib * PAGES_PER_MIB,
        nMaxMmuPages: b.smallLimit ? 64 : 1000,
        costs: DEFAULT_COSTS,
        vcpus: workloads,
        prepopulate: b.prepopulate,
        script,
        durationNs: b.durationNs,
      })),
  );

/**
 * Busy scenarios, where the fast walk must break the lock: 2-4 vCPUs each with 16-48 MiB mapped
 * and touching memory fast, one or two memslot deletions early, contended lock breaks.
 */
const busyArb: fc.Arbitrary<SimConfig> = fc
  .record({
    vcpus: fc.integer({ min: 2, max: 4 }),
    sizeMib: fc.integer({ min: 16, max: 48 }),
    gapNs: fc.integer({ min: 150, max: 800 }),
    pattern: fc.constantFrom<Workload['pattern']>('uniform', 'hot-set', 'sequential'),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    strategy: fc.constantFrom(...STRATEGY_NAMES),
    batchZapPages: fc.oneof(fc.constant(10), fc.integer({ min: 1, max: 16 })),
    deletes: fc.array(fc.integer({ min: 20_000, max: 600_000 }), { minLength: 1, maxLength: 2 }),
    extra: fc.array(fc.record({ atNs: fc.integer({ min: 0, max: 800_000 }), action: interventionArb(64, 2) }), { maxLength: 3 }),
  })
  .map(
    (b): SimConfig => ({
      seed: b.seed,
      strategy: b.strategy,
      lockBreak: 'contended',
      reschedEveryNs: 0,
      batchZapPages: b.batchZapPages,
      guestPages: 4 * 64 * PAGES_PER_MIB,
      nMaxMmuPages: 5000,
      costs: DEFAULT_COSTS,
      vcpus: Array.from({ length: b.vcpus }, (_, k) => ({
        pattern: b.pattern,
        baseGfn: k * 64 * PAGES_PER_MIB,
        pages: b.sizeMib * PAGES_PER_MIB,
        hotPermille: 200,
        hotAccessPermille: 800,
        gapNs: b.gapNs,
      })),
      prepopulate: true,
      script: [...b.deletes.map((atNs): ScriptedIntervention => ({ atNs, action: { type: 'memslot-delete' } })), ...b.extra],
      durationNs: 2_000_000,
    }),
  );

/** Ticket order, checked from the log alone: no acquisition passes a spinning waiter. */
function fifoViolation(events: readonly SimEvent[]): string | null {
  const queue: string[] = [];
  for (const e of events) {
    if (e.type === 'lock.contended') queue.push(e.actor);
    else if (e.type === 'lock.acquired') {
      if (queue.length > 0 && queue[0] !== e.actor) return `event ${e.i}: ${e.actor} took mmu_lock before ${queue[0]}`;
      if (queue[0] === e.actor) queue.shift();
    }
  }
  return null;
}

/**
 * Generation rules, checked from the log alone: a bump moves the generation by the strategy's rule;
 * kvm_mmu_get_page stamps the current generation; kvm_zap_obsolete_pages only ever prepares
 * obsolete pages.
 */
function genViolation(cfg: SimConfig, events: readonly SimEvent[]): string | null {
  const { bumpOnInvalidate: fast, rule } = STRATEGIES[cfg.strategy].generation;
  let gen = 0;
  for (const e of events) {
    if (e.type === 'gen.bumped') {
      if (e.oldGen !== gen || e.newGen !== nextGen(rule, gen)) return `event ${e.i}: bump ${e.oldGen} → ${e.newGen}, expected ${gen} → ${nextGen(rule, gen)} (${rule})`;
      gen = e.newGen;
    }
    else if (e.type === 'page.created' && e.gen !== gen) return `event ${e.i}: page ${e.page} created in gen ${e.gen}, current ${gen}`;
    else if (fast && e.type === 'page.prepared' && e.actor === 'zapper' && e.gen === gen) return `event ${e.i}: the walk zapped page ${e.page} of the current gen ${gen}`;
  }
  return null;
}

function fail(cfg: SimConfig, what: string): never {
  throw new Error(`${what}\nscenario (SimConfig JSON):\n${JSON.stringify(cfg)}`);
}

describe('invariants over random scenarios', () => {
  it(`hold after every step and at the end (${RUNS} runs)`, () => {
    let events = 0;
    fc.assert(
      fc.property(configArb, (cfg) => {
        const r = runChecked(cfg);
        events += r.events.length;
        if (r.violation) fail(cfg, `invariant ${r.violation.invariant} violated at event ${r.violation.eventIndex}: ${r.violation.detail}`);
        const fifo = fifoViolation(r.events);
        if (fifo) fail(cfg, `mmu_lock not FIFO: ${fifo}`);
        const gens = genViolation(cfg, r.events);
        if (gens) fail(cfg, gens);
        for (let k = 1; k < r.events.length; k++) {
          const a = r.events[k - 1]!;
          const b = r.events[k]!;
          if (b.i !== a.i + 1 || b.tNs < a.tNs) fail(cfg, `event ${b.i} out of order`);
        }
      }),
      { numRuns: RUNS, seed: 20130601, includeErrorInReport: true },
    );
    expect(events).toBeGreaterThan(RUNS * 50); // the runs did something
  });

  it(`hold in busy scenarios where the walk breaks the lock (${BUSY_RUNS} runs)`, () => {
    let breaks = 0;
    fc.assert(
      fc.property(busyArb, (cfg) => {
        const r = runChecked(cfg);
        if (r.violation) fail(cfg, `invariant ${r.violation.invariant} violated at event ${r.violation.eventIndex}: ${r.violation.detail}`);
        const fifo = fifoViolation(r.events);
        if (fifo) fail(cfg, `mmu_lock not FIFO: ${fifo}`);
        const gens = genViolation(cfg, r.events);
        if (gens) fail(cfg, gens);
        breaks += r.events.filter((e) => e.type === 'lock.broken').length;
      }),
      { numRuns: BUSY_RUNS, seed: 20130611, includeErrorInReport: true },
    );
    expect(breaks).toBeGreaterThan(BUSY_RUNS * 2);
  });

  it('replay is exact: same scenario twice gives the same log; restore at any step == run straight through', () => {
    fc.assert(
      fc.property(configArb, fc.double({ min: 0, max: 1, noNaN: true }), (cfg, where) => {
        const a: SimEvent[] = [];
        const straight = Simulation.create(cfg, (e) => a.push(e));
        straight.runToEnd();
        if (logHash(runLog(cfg)) !== logHash(a)) fail(cfg, 'two runs of the same scenario differ');
        const k = Math.floor(where * a.length);
        const first = Simulation.create(cfg);
        first.runToEvent(k);
        const snap = first.snapshot();
        const rest: SimEvent[] = [];
        const resumed = Simulation.restore(cfg, snap, (e) => rest.push(e));
        resumed.runToEnd();
        if (JSON.stringify(rest) !== JSON.stringify(a.slice(snap.eventCount))) fail(cfg, `restore at event ${snap.eventCount} diverges`);
        expect(resumed.snapshot()).toEqual(straight.snapshot());
      }),
      { numRuns: Math.floor(RUNS / 5), seed: 33_554_432, includeErrorInReport: true },
    );
  });

  it('a failure prints the scenario as JSON that replays as is', () => {
    let message = '';
    try {
      fc.assert(
        fc.property(configArb, (cfg) => fail(cfg, 'deliberate')),
        { numRuns: 1, seed: 5, endOnFailure: true, includeErrorInReport: true },
      );
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    const json = /scenario \(SimConfig JSON\):\n(\{.*\})/.exec(message)?.[1];
    expect(json).toBeDefined();
    const cfg = JSON.parse(json!) as SimConfig;
    expect(runChecked(cfg).violation).toBeNull();
    expect(logHash(runLog(cfg))).toBe(logHash(runLog(cfg)));
  });

  it('the generator covers every strategy and intervention', () => {
    const samples = fc.sample(configArb, { numRuns: 300, seed: 7 });
    expect(new Set(samples.map((c) => c.strategy))).toEqual(new Set(STRATEGY_NAMES));
    const actions = new Set(samples.flatMap((c) => c.script.map((x) => x.action.type)));
    expect(actions).toEqual(new Set(['memslot-delete', 'bump-generation', 'shrink', 'pause-vcpu', 'resume-vcpu', 'set-workload']));
  });
});
