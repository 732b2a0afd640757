/**
 * Whole-run rules and interventions (engine.ts, vcpu.ts, shrinker.ts): mmu_free_roots,
 * mmu_alloc_roots, make_mmu_pages_available in a run, the shrinker, pause/resume, set-workload,
 * bump-generation, shrink.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import { makeConfig, ofType, PAGES_PER_MIB, runChecked, script, workload } from './testkit.ts';
import { pageId, type SimConfig } from './types.ts';

/** vCPU 1 paused on the shared root across a memslot deletion, resumed at 1 ms. */
function rootInUse(over: Partial<SimConfig> = {}): SimConfig {
  return makeConfig({
    script: script(
      [50_000, { type: 'pause-vcpu', vcpu: 1 }],
      [100_000, { type: 'memslot-delete' }],
      [1_000_000, { type: 'resume-vcpu', vcpu: 1 }],
    ),
    ...over,
  });
}

describe('roots', () => {
  it('mmu_free_roots frees an invalid root as soon as root_count reaches 0', () => {
    const { events, violation } = runChecked(rootInUse());
    expect(violation).toBeNull();
    const parked = ofType(events, 'root.parked')[0]!;
    expect(parked).toMatchObject({ page: 1, rootCount: 2, reloadRequested: false });
    const drops = ofType(events, 'root.dropped').filter((e) => e.page === 1);
    expect(drops.map((e) => [e.actor, e.rootCount])).toEqual([
      ['vcpu0', 1],
      ['vcpu1', 0],
    ]);
    const last = drops[1]!;
    // In the same step: prepare (to its own invalid_list), one flush, free.
    const after = events.slice(last.i + 1, last.i + 5).filter((e) => e.actor === 'vcpu1');
    expect(after.map((e) => e.type)).toEqual(['page.prepared', 'tlb.flushed', 'page.freed']);
    expect(after[0]).toMatchObject({ page: 1, to: 'invalid_list' });
    expect(ofType(events, 'page.freed').filter((e) => e.page === 1)).toHaveLength(1);
    // It was not freed while vCPU 1 held it.
    expect(ofType(events, 'page.freed').find((e) => e.page === 1)!.tNs).toBeGreaterThanOrEqual(1_000_000);
  });

  it('a root dropped to 0 before the walk reaches it is not freed by mmu_free_roots (it is not invalid yet)', () => {
    // bump-generation: bump + reload, no walk. The old root is then an ordinary obsolete page.
    const cfg = makeConfig({ script: script([100_000, { type: 'bump-generation' }]), durationNs: 400_000 });
    const { events, violation, sim } = runChecked(cfg);
    expect(violation).toBeNull();
    expect(ofType(events, 'root.dropped').map((e) => e.rootCount)).toEqual([1, 0]);
    const old = sim.state.pages.get(pageId(1))!;
    expect(old).toMatchObject({ rootCount: 0, list: 'active', gen: 0 });
    expect(old.role.invalid).toBe(false);
    expect(ofType(events, 'page.freed')).toEqual([]);
  });

  it('mmu_alloc_roots: after a bump the first vCPU creates a root of the new generation, the others share it', () => {
    const cfg = makeConfig({ script: script([100_000, { type: 'bump-generation' }]), durationNs: 400_000 });
    const { events } = runChecked(cfg);
    const bump = ofType(events, 'gen.bumped')[0]!;
    expect(bump).toMatchObject({ oldGen: 0, newGen: 1, actor: 'zapper' });
    const loads = ofType(events, 'root.loaded').filter((e) => e.i > bump.i);
    expect(loads.map((e) => [e.created, e.rootCount])).toEqual([
      [true, 1],
      [false, 2],
    ]);
    const created = ofType(events, 'page.created').find((e) => e.page === loads[0]!.page)!;
    expect(created).toMatchObject({ gen: 1, level: 4, gfn: 0 });
  });

  it('kvm_mmu_load takes mmu_lock for mmu_alloc_roots and again for kvm_mmu_sync_roots', () => {
    const cfg = makeConfig({ script: script([100_000, { type: 'bump-generation' }]), durationNs: 400_000 });
    const { events } = runChecked(cfg);
    const load = ofType(events, 'root.loaded').find((e) => e.actor === 'vcpu0' && e.i > 20)!;
    const mine = events.filter((e) => e.actor === 'vcpu0' && e.i > load.i);
    const types = mine.slice(0, 4).map((e) => e.type);
    expect(types[0]).toBe('lock.released');
    expect(types[1] === 'lock.acquired' || types[1] === 'lock.contended').toBe(true);
    expect(mine.findIndex((e) => e.type === 'vcpu.entered')).toBeGreaterThan(mine.findIndex((e, k) => k > 0 && e.type === 'lock.released'));
  });

  it('a vCPU enters the guest only through a root of the current generation', () => {
    const { events } = runChecked(makeConfig({ script: script([100_000, { type: 'memslot-delete' }]) }));
    const bump = ofType(events, 'gen.bumped')[0]!;
    const created = new Map(ofType(events, 'page.created').map((e) => [e.page, e.gen]));
    for (const e of ofType(events, 'vcpu.entered')) expect(created.get(e.root)).toBe(e.i > bump.i ? 1 : 0);
  });
});

describe('make_mmu_pages_available in a run', () => {
  it('recycles the oldest pages when a fault finds fewer than 5 free', () => {
    // 128 MiB mapped = 67 pages over a limit of 64: the first fault recycles.
    // The mapped set is never missed; moving to unmapped memory makes the vCPU fault.
    const cfg = makeConfig({
      vcpus: [workload(128, 0, { gapNs: 500 })],
      guestPages: 256 * PAGES_PER_MIB,
      nMaxMmuPages: 64,
      script: script([50_000, { type: 'set-workload', vcpu: 0, workload: workload(8, 128, { gapNs: 500 }) }]),
      durationNs: 300_000,
    });
    const { events, violation } = runChecked(cfg);
    expect(violation).toBeNull();
    const recycled = ofType(events, 'page.prepared').filter((e) => e.actor === 'vcpu0');
    expect(recycled.length).toBeGreaterThan(25);
    expect(recycled[0]).toMatchObject({ page: 1, to: 'head' }); // the root was the oldest page
    expect(recycled.slice(1, 4).map((e) => e.page)).toEqual([2, 3, 4]);
    expect(ofType(events, 'page.freed').filter((e) => e.actor === 'vcpu0').length).toBe(recycled.length - 1);
  });
});

describe('the shrinker (mmu_shrink)', () => {
  const busy = (strategy: SimConfig['strategy'], at: number): SimConfig =>
    makeConfig({
      strategy,
      vcpus: [0, 1, 2, 3].map((k) => workload(16, 16 * k, { gapNs: 300 })),
      script: script([100_000, { type: 'memslot-delete' }], [at, { type: 'shrink', calls: 1 }]),
      durationNs: 2_000_000,
    });

  it('frees zapped_obsolete_pages first when an invalidation has left some (fast-3.11)', () => {
    const { events, violation } = runChecked(busy('fast-3.11', 500_000));
    expect(violation).toBeNull();
    const done = ofType(events, 'shrink.done')[0]!;
    expect(done.fromZappedObsolete).toBe(true);
    const freed = ofType(events, 'page.freed').filter((e) => e.actor === 'shrinker');
    expect(freed).toHaveLength(done.freed);
    expect(done.freed).toBeGreaterThanOrEqual(10);
    expect(freed.every((e) => e.gen === 0)).toBe(true);
    expect(ofType(events, 'page.prepared').filter((e) => e.actor === 'shrinker')).toEqual([]);
    // The zapper frees the rest at its final commit.
    expect(ofType(events, 'page.freed').filter((e) => e.actor === 'zapper').length).toBe(35 - 1 - done.freed);
  });

  it("cannot see the zapper's local invalid_list before 365c886860c4 (fast-collapsed): it zaps the oldest page", () => {
    const { events } = runChecked(busy('fast-collapsed', 500_000));
    const done = ofType(events, 'shrink.done')[0]!;
    expect(done.fromZappedObsolete).toBe(false);
    expect(ofType(events, 'page.prepared').filter((e) => e.actor === 'shrinker')).toHaveLength(1);
  });

  it('with nothing zapped, prepares and commits the oldest page', () => {
    const cfg = makeConfig({ script: script([100_000, { type: 'shrink', calls: 2 }]), durationNs: 300_000 });
    const { events } = runChecked(cfg);
    const done = ofType(events, 'shrink.done');
    expect(done.map((e) => e.fromZappedObsolete)).toEqual([false, false]);
    const prepared = ofType(events, 'page.prepared')
      .filter((e) => e.actor === 'shrinker')
      .map((e) => e.page);
    expect(prepared).toEqual([1, 2]); // the shared root (parked), then the L3 page
  });
});

describe('interventions', () => {
  it('pause-vcpu parks a vCPU until resume-vcpu', () => {
    const cfg = makeConfig({ script: script([100_000, { type: 'pause-vcpu', vcpu: 0 }], [600_000, { type: 'resume-vcpu', vcpu: 0 }]) });
    const { events } = runChecked(cfg);
    const paused = ofType(events, 'vcpu.paused')[0]!;
    const resumed = ofType(events, 'vcpu.resumed')[0]!;
    expect(paused.tNs).toBe(100_000);
    expect(resumed.tNs).toBe(600_000);
    const between = events.filter((e) => e.actor === 'vcpu0' && e.i > paused.i && e.i < resumed.i);
    expect(between.map((e) => e.type)).toEqual(['vcpu.exited']);
    expect(ofType(events, 'vcpu.entered').some((e) => e.vcpu === 0 && e.i > resumed.i)).toBe(true);
  });

  it("set-workload moves a vCPU's touches to the new working set", () => {
    const next = workload(8, 40);
    const cfg = makeConfig({ script: script([200_000, { type: 'set-workload', vcpu: 1, workload: next }]), durationNs: 1_000_000 });
    const { events } = runChecked(cfg);
    const changed = ofType(events, 'workload.changed')[0]!;
    expect(changed.workload).toEqual(next);
    const faults = ofType(events, 'fault.started').filter((e) => e.vcpu === 1 && e.i > changed.i);
    expect(faults.length).toBeGreaterThan(5);
    for (const f of faults) {
      expect(f.gfn).toBeGreaterThanOrEqual(next.baseGfn);
      expect(f.gfn).toBeLessThan(next.baseGfn + next.pages);
    }
    expect(ofType(events, 'fault.started').filter((e) => e.vcpu === 1 && e.i < changed.i)).toEqual([]); // its first set was mapped
  });

  it('bump-generation bumps and reloads without an invalidation or a walk', () => {
    const { events } = runChecked(makeConfig({ script: script([100_000, { type: 'bump-generation' }]), durationNs: 300_000 }));
    expect(ofType(events, 'gen.bumped')).toHaveLength(1);
    expect(ofType(events, 'reload.requested')).toEqual([expect.objectContaining({ actor: 'zapper', vcpus: [0, 1], page: null })]);
    expect(ofType(events, 'invalidation.started')).toEqual([]);
    expect(ofType(events, 'page.prepared')).toEqual([]);
  });

  it('memslot deletions queue: the second waits for the first and bumps again', () => {
    const cfg = makeConfig({
      script: script([100_000, { type: 'memslot-delete' }], [110_000, { type: 'memslot-delete' }]),
      durationNs: 3_000_000,
    });
    const { events, violation } = runChecked(cfg);
    expect(violation).toBeNull();
    const started = ofType(events, 'invalidation.started');
    const done = ofType(events, 'invalidation.done');
    expect(started).toHaveLength(2);
    expect(done).toHaveLength(2);
    expect(started[1]!.i).toBeGreaterThan(done[0]!.i);
    expect(ofType(events, 'gen.bumped').map((e) => e.newGen)).toEqual([1, 2]);
  });

  it('intervene() applies at the current instant', () => {
    const events: SimEvent[] = [];
    const sim = Simulation.create(makeConfig(), (e) => events.push(e));
    sim.runToTime(150_000);
    sim.intervene({ type: 'pause-vcpu', vcpu: 1 });
    expect(events.at(-2)).toMatchObject({ type: 'vcpu.paused', vcpu: 1, tNs: sim.state.tNs });
    sim.intervene({ type: 'memslot-delete' });
    sim.runToEnd();
    expect(ofType(events, 'invalidation.started')[0]!.tNs).toBe(150_000);
  });

  it('ignores interventions for vCPUs that do not exist or are already in that state', () => {
    const events: SimEvent[] = [];
    const sim = Simulation.create(makeConfig(), (e) => events.push(e));
    const n = events.length;
    sim.intervene({ type: 'pause-vcpu', vcpu: 9 });
    sim.intervene({ type: 'resume-vcpu', vcpu: 0 });
    expect(events.length).toBe(n);
  });
});
