/**
 * Property tests over random small scenarios: every invariant (sim/invariants.ts) holds after
 * every step and at the end, whatever the strategy, lock-break policy, workloads and scripted
 * interventions. The counter-example is a scenario (arbitraries.ts), and a failure prints a link
 * that opens it in the app at the failing event.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation, STRATEGY_NAMES, type SimConfig, type SimEvent } from '../sim/index.ts';
import { STRATEGIES, nextGen } from '../sim/strategy.ts';
import { logHash, resumeFrom, runChecked, runLog } from '../sim/testkit.ts';
import { busyScenarioArb, smallScenarioArb } from './arbitraries.ts';
import { decodeLink, encodeLink } from './link.ts';
import type { Scenario, ScenarioInput } from './schema.ts';
import { toConfig } from './toConfig.ts';
import { validateScenario } from './validate.ts';

/** Property runs (the issue asks for at least 200); FASTZAP_PROPERTY_RUNS raises it locally. */
const RUNS = Math.max(500, Number(globalThis.process?.env.FASTZAP_PROPERTY_RUNS ?? 0) || 0);
const BUSY_RUNS = Math.floor(RUNS / 2);
/** Where `npm run dev` serves the app (a link is this plus the hash). */
const APP = 'http://localhost:5173/';

/** A generated scenario, validated (the arbitraries only make valid ones), and its SimConfig. */
function load(input: ScenarioInput): { sc: Scenario; cfg: SimConfig } {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(`the arbitrary made an invalid scenario: ${r.error.message}\n${JSON.stringify(input)}`);
  return { sc: r.value, cfg: toConfig(r.value) };
}

/** A violation: what broke and the index of the event where it shows. */
interface Broken {
  readonly at: number;
  readonly what: string;
}

/** Ticket order, checked from the log alone: no acquisition passes a spinning waiter. */
function fifoViolation(events: readonly SimEvent[]): Broken | null {
  const queue: string[] = [];
  for (const e of events) {
    if (e.type === 'lock.contended') queue.push(e.actor);
    else if (e.type === 'lock.acquired') {
      if (queue.length > 0 && queue[0] !== e.actor)
        return { at: e.i, what: `mmu_lock not FIFO: ${e.actor} took mmu_lock before ${queue[0]}` };
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
function genViolation(cfg: SimConfig, events: readonly SimEvent[]): Broken | null {
  const { bumpOnInvalidate: fast, rule } = STRATEGIES[cfg.strategy].generation;
  let gen = 0;
  for (const e of events) {
    if (e.type === 'gen.bumped') {
      if (e.oldGen !== gen || e.newGen !== nextGen(rule, gen))
        return { at: e.i, what: `bump ${e.oldGen} → ${e.newGen}, expected ${gen} → ${nextGen(rule, gen)} (${rule})` };
      gen = e.newGen;
    } else if (e.type === 'page.created' && e.gen !== gen)
      return { at: e.i, what: `kvm_mmu_get_page: page ${e.page} created in gen ${e.gen}, mmu_valid_gen ${gen}` };
    else if (fast && e.type === 'page.prepared' && e.actor === 'zapper' && e.gen === gen)
      return { at: e.i, what: `kvm_zap_obsolete_pages zapped page ${e.page} of the current gen ${gen}` };
  }
  return null;
}

/**
 * Check one run of a scenario: invariants after every step, FIFO ticket order, generation rules,
 * event order. The first violation found, or null.
 */
function check(cfg: SimConfig): { broken: Broken | null; events: readonly SimEvent[] } {
  const r = runChecked(cfg);
  if (r.violation)
    return {
      broken: { at: r.violation.eventIndex, what: `invariant ${r.violation.invariant} violated: ${r.violation.detail}` },
      events: r.events,
    };
  const broken = fifoViolation(r.events) ?? genViolation(cfg, r.events) ?? orderViolation(r.events);
  return { broken, events: r.events };
}

function orderViolation(events: readonly SimEvent[]): Broken | null {
  for (let k = 1; k < events.length; k++) {
    const a = events[k - 1]!;
    const b = events[k]!;
    if (b.i !== a.i + 1 || b.tNs < a.tNs) return { at: b.i, what: `event ${b.i} out of order` };
  }
  return null;
}

/**
 * Fail with a link that opens the scenario at the failing event (cursor = event + 1: the frame
 * just after it, with the event highlighted), and the scenario as JSON for a file.
 */
function fail(sc: Scenario, broken: Broken): never {
  const link = encodeLink({ scenario: sc, cursor: broken.at + 1 });
  const open = link.ok ? `${APP}${link.value}` : `(no link: ${link.error.message})`;
  throw new Error(`${broken.what} (event ${broken.at})\nopen it at the failing event: ${open}\nscenario (JSON): ${JSON.stringify(sc)}`);
}

/** The property every run must have: no violation. */
function holds(input: ScenarioInput, seen: (events: readonly SimEvent[]) => void = () => {}): void {
  const { sc, cfg } = load(input);
  const r = check(cfg);
  seen(r.events);
  if (r.broken) fail(sc, r.broken);
}

describe('invariants over random scenarios', () => {
  it(`hold after every step and at the end (${RUNS} runs)`, () => {
    let events = 0;
    fc.assert(
      fc.property(smallScenarioArb(), (input) => holds(input, (e) => (events += e.length))),
      { numRuns: RUNS, seed: 20130601, includeErrorInReport: true },
    );
    expect(events).toBeGreaterThan(RUNS * 50); // the runs did something
  });

  it(`hold in busy scenarios where the walk breaks the lock (${BUSY_RUNS} runs)`, () => {
    let breaks = 0;
    fc.assert(
      fc.property(busyScenarioArb(), (input) => holds(input, (e) => (breaks += e.filter((x) => x.type === 'lock.broken').length))),
      { numRuns: BUSY_RUNS, seed: 20130611, includeErrorInReport: true },
    );
    expect(breaks).toBeGreaterThan(BUSY_RUNS * 2);
  });

  it('replay is exact: same scenario twice gives the same log; restore at any step == run straight through', () => {
    fc.assert(
      fc.property(smallScenarioArb(), fc.double({ min: 0, max: 1, noNaN: true }), (input, where) => {
        const { sc, cfg } = load(input);
        const a: SimEvent[] = [];
        const straight = Simulation.create(cfg, (e) => a.push(e));
        straight.runToEnd();
        if (logHash(runLog(cfg)) !== logHash(a)) fail(sc, { at: a.length - 1, what: 'two runs of the same scenario differ' });
        const { snap, rest, final } = resumeFrom(cfg, Math.floor(where * a.length));
        if (JSON.stringify(rest) !== JSON.stringify(a.slice(snap.eventCount)))
          fail(sc, { at: snap.eventCount, what: `restore at event ${snap.eventCount} diverges` });
        expect(final).toEqual(straight.snapshot());
      }),
      { numRuns: Math.floor(RUNS / 5), seed: 33_554_432, includeErrorInReport: true },
    );
  });

  it('a failure shrinks to a scenario and prints a link that opens it at the failing event', () => {
    // A deliberately wrong rule: "no vCPU ever takes mmu_lock". It fails on almost every run.
    const wrong = (input: ScenarioInput) => {
      const { sc, cfg } = load(input);
      const taken = runLog(cfg).find((e) => e.type === 'lock.acquired' && e.actor.startsWith('vcpu'));
      if (taken) fail(sc, { at: taken.i, what: 'deliberately wrong rule: a vCPU took mmu_lock' });
    };
    const details = fc.check(fc.property(smallScenarioArb(), wrong), { numRuns: 50, seed: 5 });
    expect(details.failed).toBe(true);
    const counterexample = details.counterexample![0];
    const message = details.errorInstance instanceof Error ? details.errorInstance.message : '';
    const hash = new RegExp(`open it at the failing event: ${APP}(#v1\\.[A-Za-z0-9_-]+)`).exec(message)?.[1];
    expect(hash, message).toBeDefined();
    const opened = decodeLink(hash!);
    if (!opened.ok) throw new Error(opened.error.message);
    // The link opens the (shrunk) counter-example, right after the failing event.
    const { sc, cfg } = load(counterexample);
    expect(opened.value.scenario).toEqual(sc);
    const log = runLog(toConfig(opened.value.scenario));
    expect(logHash(log)).toBe(logHash(runLog(cfg)));
    const failing = log[opened.value.cursor! - 1]!;
    expect(failing).toMatchObject({ type: 'lock.acquired' });
    expect(failing.actor.startsWith('vcpu')).toBe(true);
    expect(log.slice(0, failing.i).some((e) => e.type === 'lock.acquired' && e.actor.startsWith('vcpu'))).toBe(false);
  });

  it('the generators cover every strategy and scripted intervention', () => {
    for (const arb of [smallScenarioArb(), busyScenarioArb()]) {
      const samples = fc.sample(arb, { numRuns: 300, seed: 7 }).map((s) => load(s).cfg);
      expect(new Set(samples.map((c) => c.strategy))).toEqual(new Set(STRATEGY_NAMES));
      const actions = new Set(samples.flatMap((c) => c.script.map((x) => x.action.type)));
      expect(actions).toEqual(new Set(['memslot-delete', 'bump-generation', 'shrink', 'pause-vcpu', 'resume-vcpu', 'set-workload']));
    }
  });
});
