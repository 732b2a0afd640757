/**
 * Bounded work: every request honours its time budget whatever the scenario (steps that emit no
 * event still reach the clock), and a run stops for good at its event, memory or work budget with
 * what was cut, at the same step however it was chunked.
 */
import { describe, expect, it } from 'vitest';
import type { ReplyTo, ToWorker, ToWorkerType } from '../protocol/messages.ts';
import { MAIN_SIM } from '../protocol/messages.ts';
import { estimateRun } from '../scenario/cost.ts';
import { RUN_BUDGET } from '../scenario/limits.ts';
import { findPreset, validateScenario, type Scenario, type ScenarioInput } from '../scenario/index.ts';
import { SimHost, type HostOptions } from './host.ts';
import type { RunBudget } from './sims.ts';

function scenario(name: string, patch: (s: ScenarioInput) => ScenarioInput = (s) => s): Scenario {
  const r = validateScenario(patch(structuredClone(findPreset(name)!.scenario)));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The scenario that wedged the worker (issue 13): classroom with 255 vCPUs, a 1 ns gap, 10 s. */
const wedge = (): Scenario =>
  scenario('classroom', (s) => ({ ...s, vcpus: s.vcpus.map((g) => ({ ...g, count: 255, gapNs: 1 })), durationNs: 10_000_000_000 }));

let nextId = 1;
function ask<T extends ToWorkerType>(
  host: SimHost,
  type: T,
  body: Omit<Extract<ToWorker, { type: T }>, 'type' | 'id' | 'sim'>,
): ReplyTo<T> {
  const out = host.handle({ sim: MAIN_SIM, ...body, type, id: nextId++ });
  if (out.type === 'error') throw new Error(`${out.error.code}: ${out.error.message}`);
  return out as ReplyTo<T>;
}

function load(host: SimHost, sc: Scenario): ReplyTo<'load'> {
  return ask(host, 'load', { scenario: sc, interventions: [], target: null, maxEvents: 0, detail: 'aggregate' });
}

/** Extend until done (or `maxRequests`), `maxEvents` per request; the last progress. */
function runOut(host: SimHost, maxEvents: number, maxRequests = 10_000) {
  let p = ask(host, 'extend', { maxEvents, budgetMs: null, until: null }).progress;
  for (let k = 0; k < maxRequests && !p.done; k++) p = ask(host, 'extend', { maxEvents, budgetMs: null, until: null }).progress;
  return p;
}

const budget = (b: Partial<RunBudget>): HostOptions => ({ runBudget: { ...RUN_BUDGET, ...b } });

describe('bounded work', () => {
  it('an extend of the wedge scenario returns within its budget, though its steps emit no event', () => {
    let t = 0;
    let reads = 0;
    const host = new SimHost({
      now: () => {
        reads++;
        return (t += 10); // every clock read is 10 ms later
      },
    });
    const setup = load(host, wedge()).progress;
    const r = ask(host, 'extend', { maxEvents: 20_000, budgetMs: 40, until: null }).progress;
    // Out of time after a few slices of steps: hardly an event (each vCPU enters the guest, whose
    // map is full until the memslot deletion at 300 µs), but the computation moved on in
    // simulated time and says so.
    expect(reads).toBeLessThanOrEqual(6);
    expect(r.events - setup.events).toBeLessThan(3 * 255);
    expect(r.done).toBe(false);
    expect(r.reachedNs).toBeGreaterThan(setup.reachedNs);
    expect(r.reachedNs).toBeLessThan(300_000);
  });

  it('a load straight to a far cursor stops at its own budget', () => {
    let t = 0;
    const host = new SimHost({ now: () => (t += 10), loadBudgetMs: 30 });
    const r = ask(host, 'load', {
      scenario: wedge(),
      interventions: [],
      target: { type: 'cursor', cursor: 5_000_000 },
      maxEvents: 1_000_000,
      detail: 'aggregate',
    });
    expect(r.progress.done).toBe(false);
    expect(r.progress.reachedNs).toBeLessThan(300_000);
  });

  it('the event budget cuts the run at the same step however it is chunked, and says so', () => {
    const sc = scenario('shrinker-first');
    const cut = (chunk: number) => {
      const host = new SimHost(budget({ maxEvents: 5000 }));
      load(host, sc);
      return runOut(host, chunk);
    };
    const a = cut(20_000);
    const b = cut(333);
    expect(a.done).toBe(true);
    expect(a.cut).toMatchObject({ reason: 'events', events: a.events });
    expect(a.events).toBeGreaterThanOrEqual(5000);
    expect(a.events).toBeLessThan(5020); // the step that crossed it, no further
    expect(a.reachedNs).toBeLessThan(a.durationNs);
    expect(b).toEqual(a);
    // Done means done: more requests compute nothing.
  });

  it('the memory budget cuts the run once the log and checkpoints hold its bytes', () => {
    const host = new SimHost(budget({ maxBytes: 256 * 1024 }));
    load(host, scenario('shrinker-first'));
    const p = runOut(host, 2000);
    expect(p.cut?.reason).toBe('memory');
    expect(p.cut!.bytes).toBeGreaterThanOrEqual(256 * 1024);
    expect(p.done).toBe(true);
    expect(ask(host, 'extend', { maxEvents: 2000, budgetMs: null, until: null }).progress).toEqual(p);
  });

  it('the work budget stops the wedge scenario where the estimate puts it, before any step past it', () => {
    const b = { ...RUN_BUDGET, maxGuestAccesses: 2_000_000 };
    const horizon = estimateRun(wedge(), b).accessBudgetAtNs!;
    expect(horizon).toBeGreaterThan(0);
    expect(horizon).toBeLessThan(20_000); // 2 M accesses at 255 per ns
    const host = new SimHost({ runBudget: b });
    load(host, wedge());
    const p = runOut(host, 20_000);
    expect(p).toMatchObject({ done: true, cut: { reason: 'work' } });
    expect(p.reachedNs).toBeLessThanOrEqual(horizon);
    expect(p.reachedNs).toBeGreaterThan(horizon - 2000); // the last step before it
  });

  it('an intervention before the cut recomputes the future, and the budget cuts it again', () => {
    const host = new SimHost(budget({ maxEvents: 4000 }));
    load(host, scenario('shrinker-first'));
    const first = runOut(host, 20_000);
    const r = ask(host, 'intervene', { cursor: 1000, action: { type: 'shrink', calls: 3 }, detail: 'aggregate' });
    expect(r.progress.done).toBe(false);
    expect(r.progress.cut).toBeNull();
    const again = runOut(host, 20_000);
    expect(again.cut?.reason).toBe('events');
    expect(again.events).toBeGreaterThanOrEqual(4000);
    expect(again.events).not.toBe(0);
    expect(first.cut?.reason).toBe('events');
  });

  it('answers a ping with a pong', () => {
    const host = new SimHost();
    expect(host.handle({ type: 'ping', id: 7, sim: 'main' })).toEqual({ type: 'pong', id: 7, sim: 'main' });
  });
});
