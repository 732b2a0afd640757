/**
 * The strategy table is what the simulation does: for every row, a contended memslot deletion's
 * log names the row's functions and lists and follows its rules. A new row is checked here with
 * no edit to this file.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import { STRATEGIES, STRATEGY_NAMES, kernelSourceUrl, nextGen } from './strategy.ts';
import { makeConfig, ofType, runChecked, script, workload } from './testkit.ts';
import type { SimConfig, Strategy } from './types.ts';

/** Four busy vCPUs (35 pages), a bump-generation at 50 µs and a memslot deletion at 100 µs. */
function busy(strategy: Strategy): SimConfig {
  return makeConfig({
    strategy,
    vcpus: [0, 1, 2, 3].map((k) => workload(16, 16 * k, { gapNs: 300 })),
    script: script([50_000, { type: 'bump-generation' }], [100_000, { type: 'memslot-delete' }]),
    durationNs: 3_000_000,
  });
}

/** The page at the walk's starting end of active_mmu_pages before each of the zapper's prepares. */
function firstPrepared(cfg: SimConfig): { page: number; head: number; tail: number } {
  const events: SimEvent[] = [];
  const sim = Simulation.create(cfg, (e) => events.push(e));
  for (;;) {
    const { head, tail } = sim.state;
    const from = events.length;
    if (!sim.step()) throw new Error('the zapper prepared nothing');
    const first = events.slice(from).find((e) => e.type === 'page.prepared' && e.actor === 'zapper');
    if (first?.type === 'page.prepared') return { page: first.page, head, tail };
  }
}

describe('nextGen: the generation rule', () => {
  it('increment counts up; toggle alternates 0 and 1, so a later generation can be smaller', () => {
    expect([0, 1, 2, 3].map((g) => nextGen('increment', g))).toEqual([1, 2, 3, 4]);
    const toggled = [0];
    for (let k = 0; k < 4; k++) toggled.push(nextGen('toggle', toggled[toggled.length - 1]!));
    expect(toggled).toEqual([0, 1, 0, 1, 0]);
  });
});

describe.each(STRATEGY_NAMES)('strategy %s: its row of the table is what it does', (name) => {
  const t = STRATEGIES[name];
  const { events, violation } = runChecked(busy(name));

  it('runs clean and names its entry, walk, bump and break functions', () => {
    expect(violation).toBeNull();
    const started = ofType(events, 'invalidation.started');
    expect(started.map((e) => [e.fn, e.strategy])).toEqual([[t.entryFn, name]]);
    expect(ofType(events, 'invalidation.done').map((e) => e.fn)).toEqual([t.entryFn]);
    expect(ofType(events, 'zap.walk.done').map((e) => e.fn)).toEqual([t.walk.fn]);
    for (const b of ofType(events, 'gen.bumped')) expect(b.fn).toBe(t.generation.fn);
    for (const b of ofType(events, 'lock.broken')) expect(b.fn).toBe(t.lock.breakFn);
  });

  it('bumps by its generation rule, at the invalidation only if it is generational', () => {
    const bumps = ofType(events, 'gen.bumped');
    expect(bumps).toHaveLength(t.generation.bumpOnInvalidate ? 2 : 1); // the intervention, then the entry's
    let gen = 0;
    for (const b of bumps) {
      expect([b.oldGen, b.newGen]).toEqual([gen, nextGen(t.generation.rule, gen)]);
      gen = b.newGen;
    }
    const started = ofType(events, 'invalidation.started')[0]!;
    const afterStart = bumps.filter((b) => b.i > started.i);
    expect(afterStart.length > 0).toBe(t.generation.bumpOnInvalidate);
    // The reload right after the entry's bump (f34d251d66ba).
    for (const b of afterStart) expect(events[b.i + 1]!.type === 'reload.requested').toBe(t.reload.afterBump);
  });

  it('walks from its end of active_mmu_pages into its list', () => {
    const first = firstPrepared(busy(name));
    expect(first.page).toBe(t.walk.from === 'tail' ? first.tail : first.head);
    const to = new Set(
      ofType(events, 'page.prepared')
        .filter((e) => e.actor === 'zapper' && e.to !== 'head')
        .map((e) => e.to),
    );
    expect([...to]).toEqual([t.prepareInto]);
  });

  it('breaks mmu_lock only if it has a break function, after a full batch if batched, committing first if it says so', () => {
    const breaks = ofType(events, 'lock.broken');
    if (t.lock.breakFn === null) {
      expect(breaks).toEqual([]);
      return;
    }
    expect(breaks.length).toBeGreaterThan(0);
    if (t.lock.batched) for (const b of breaks) expect(b.batch).toBeGreaterThanOrEqual(busy(name).batchZapPages);
    const zapper = events.filter((e) => e.actor === 'zapper');
    const withPages = breaks.filter((b) => b.batch > 0);
    expect(withPages.length).toBeGreaterThan(0);
    for (const b of withPages) {
      const before = zapper[zapper.findIndex((e) => e.i === b.i) - 1]!;
      expect(before.type === 'page.freed', `event ${b.i}`).toBe(t.lock.commitAtBreak);
    }
  });

  it('links to the source of the kernel it models', () => {
    const url = kernelSourceUrl(t);
    expect(url).toMatch(/^https:\/\//);
    expect(url).toContain(t.kernel.commit ?? t.kernel.release);
  });
});
