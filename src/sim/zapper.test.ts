/**
 * `kvm_zap_obsolete_pages` and `kvm_mmu_zap_all` (zapper.ts): the tail walk, the stop and skip
 * rules, lock breaks (BATCH_ZAP_PAGES, spin_needbreak / need_resched), restart from the tail,
 * commit and flush placement per strategy.
 */
import { describe, expect, it } from 'vitest';
import { cloneState } from './clone.ts';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import { isObsolete, listAddHead, listDel, page } from './pages.ts';
import { STRATEGIES, STRATEGY_NAMES } from './strategy.ts';
import { activeFromTail, makeConfig, ofType, runChecked, script, workload } from './testkit.ts';
import { NO_PAGE, type PageId, type SimConfig, type SimState, type Strategy } from './types.ts';

/** The strategies whose walk is `kvm_zap_obsolete_pages`'s: obsolete pages from the tail (from the table). */
const TAIL_WALKS: Strategy[] = STRATEGY_NAMES.filter((n) => STRATEGIES[n].walk.from === 'tail');

/** Four busy vCPUs with 16 MiB each (35 pages), a memslot deletion at 100 µs. */
function busy(over: Partial<SimConfig> = {}): SimConfig {
  return makeConfig({
    vcpus: [0, 1, 2, 3].map((k) => workload(16, 16 * k, { gapNs: 300 })),
    script: script([100_000, { type: 'memslot-delete' }]),
    durationNs: 3_000_000,
    ...over,
  });
}

/** Root-in-use with two deletions: the second walk finds a parked invalid root at the tail. */
function parkedAtTail(strategy: Strategy): SimConfig {
  return makeConfig({
    strategy,
    vcpus: [workload(8, 0, { gapNs: 500 }), workload(8, 8, { gapNs: 500 })],
    script: script([50_000, { type: 'pause-vcpu', vcpu: 1 }], [100_000, { type: 'memslot-delete' }], [900_000, { type: 'memslot-delete' }]),
    durationNs: 2_000_000,
  });
}

/** What kvm_zap_obsolete_pages must prepare next: the first obsolete, non-invalid page from the tail. */
function expectedCandidate(s: Readonly<SimState>): PageId | null {
  for (let id = s.tail; id !== NO_PAGE;) {
    const sp = s.pages.get(id)!;
    if (!isObsolete(s, sp)) return null;
    if (!sp.role.invalid) return id;
    id = sp.newer;
  }
  return null;
}

/**
 * Step a run; before every zapper step that prepares a page, check it prepared exactly the page
 * the kernel's walk would. Returns the log and how many prepares were checked.
 */
function stepAndCheckWalk(cfg: SimConfig): { events: SimEvent[]; checked: number } {
  const events: SimEvent[] = [];
  const sim = Simulation.create(cfg, (e) => events.push(e));
  let checked = 0;
  for (;;) {
    const expected = expectedCandidate(sim.state);
    const from = events.length;
    if (!sim.step()) break;
    const first = events.slice(from).find((e) => e.type === 'page.prepared');
    if (first && first.actor === 'zapper') {
      expect(first.page, `event ${first.i}`).toBe(expected);
      checked++;
    }
  }
  return { events, checked };
}

describe('kvm_zap_obsolete_pages: the walk', () => {
  for (const strategy of TAIL_WALKS) {
    it(`${strategy}: prepares the first obsolete, non-invalid page from the tail, every time`, () => {
      const { events, checked } = stepAndCheckWalk(busy({ strategy }));
      expect(checked).toBe(35);
      expect(ofType(events, 'invalidation.done')).toHaveLength(1);
    });
  }

  it('skips a parked invalid root at the tail and zaps the newer pages behind it', () => {
    const { events, checked } = stepAndCheckWalk(parkedAtTail('fast-3.11'));
    const bumps = ofType(events, 'gen.bumped');
    expect(bumps).toHaveLength(2);
    // vCPU 1 is paused on the first root: parked in the first walk, never prepared again by the
    // zapper (the second walk parks vCPU 0's newer root instead).
    const parked = ofType(events, 'root.parked').filter((e) => e.actor === 'zapper');
    expect(parked.map((e) => e.i < bumps[1]!.i)).toEqual([true, false]);
    const oldRoot = parked[0]!.page;
    expect(parked[1]!.page).not.toBe(oldRoot);
    const secondWalk = ofType(events, 'page.prepared').filter((e) => e.actor === 'zapper' && e.i > bumps[1]!.i);
    expect(secondWalk.length).toBeGreaterThan(0);
    expect(secondWalk.map((e) => e.page)).not.toContain(oldRoot);
    expect(checked).toBeGreaterThan(secondWalk.length);
  });

  it('the parked root was at the tail when the second walk began', () => {
    const cfg = parkedAtTail('fast-3.11');
    const events: SimEvent[] = [];
    const sim = Simulation.create(cfg, (e) => events.push(e));
    while (ofType(events, 'gen.bumped').length < 2 && sim.step()) {
      /* run to the second bump */
    }
    const s = sim.state;
    const tail = page(s, s.tail);
    expect(tail.role.invalid).toBe(true);
    expect(tail.rootCount).toBe(1);
    expect(s.vcpus[1]!.root).toBe(tail.id);
  });

  it('stops at the first page that is not obsolete (reason reached-valid, stoppedAt that page)', () => {
    const events: SimEvent[] = [];
    const sim = Simulation.create(busy(), (e) => events.push(e));
    while (ofType(events, 'zap.walk.done').length === 0 && sim.step()) {
      /* run to the end of the walk */
    }
    const done = ofType(events, 'zap.walk.done')[0]!;
    expect(done.reason).toBe('reached-valid');
    const s = sim.state as SimState;
    const stop = page(s, done.stoppedAt!);
    expect(stop.gen).toBe(s.mmuValidGen);
    // Everything between the tail and the stop page is a parked (invalid) page.
    const order = activeFromTail(s);
    for (const id of order.slice(0, order.indexOf(stop.id))) expect(page(s, id).role.invalid).toBe(true);
  });

  it('stops even if an obsolete page sits closer to the head (the FIFO makes that impossible; the rule does not look)', () => {
    // Run until the walk is under way with new-generation pages at the head, then move an
    // obsolete page to the head by hand and let the walk finish.
    const cfg = busy();
    const sim0 = Simulation.create(cfg);
    let snap: SimState | null = null;
    while (sim0.step()) {
      const s = sim0.state;
      const young = [...s.pages.values()].some((p) => p.gen === s.mmuValidGen && s.mmuValidGen > 0);
      if (young && s.zapper.pc === 'walk' && expectedCandidate(s) !== null) {
        snap = sim0.snapshot();
        break;
      }
    }
    expect(snap).not.toBeNull();
    const s = cloneState(snap!);
    const victim = page(s, expectedCandidate(s)!);
    listDel(s, victim);
    listAddHead(s, victim);
    // The walk still has obsolete pages at the tail, then the new pages, then the victim.
    const events: SimEvent[] = [];
    const sim = Simulation.restore(cfg, s, (e) => events.push(e));
    sim.runToEnd();
    const prepared = ofType(events, 'page.prepared')
      .filter((e) => e.actor === 'zapper')
      .map((e) => e.page);
    expect(prepared).not.toContain(victim.id);
    expect(ofType(events, 'zap.walk.done')[0]!.reason).toBe('reached-valid');
  });

  it('zaps every obsolete page and no new one', () => {
    const { events, violation } = runChecked(busy());
    expect(violation).toBeNull();
    const newPages = new Set(
      ofType(events, 'page.created')
        .filter((e) => e.gen === 1)
        .map((e) => e.page),
    );
    const zapped = ofType(events, 'page.prepared').filter((e) => e.actor === 'zapper');
    expect(zapped.every((e) => e.gen === 0 && !newPages.has(e.page))).toBe(true);
    expect(new Set(zapped.map((e) => e.page)).size).toBe(35);
  });
});

describe('cond_resched_lock: when the walk breaks mmu_lock', () => {
  it('fast-3.11 breaks only after >= BATCH_ZAP_PAGES pages and only with someone spinning', () => {
    const { events } = runChecked(busy());
    const breaks = ofType(events, 'lock.broken');
    expect(breaks.length).toBeGreaterThanOrEqual(3);
    for (const b of breaks) {
      expect(b.batch).toBeGreaterThanOrEqual(10);
      expect(b.waiters).toBeGreaterThan(0);
      expect(b.reason).toBe('spin_needbreak');
    }
  });

  it('honours a different batch size', () => {
    const breaks = ofType(runChecked(busy({ batchZapPages: 4 })).events, 'lock.broken');
    expect(breaks.length).toBeGreaterThanOrEqual(7);
    expect(breaks.every((b) => b.batch >= 4 && b.batch < 10)).toBe(true);
  });

  it('fast-5304b8d breaks whenever someone spins, with no minimum batch', () => {
    const breaks = ofType(runChecked(busy({ strategy: 'fast-5304b8d' })).events, 'lock.broken');
    expect(breaks.some((b) => b.batch < 10)).toBe(true);
    expect(breaks.every((b) => b.waiters > 0)).toBe(true);
  });

  it('does not break when nobody waits: all vCPUs paused, one hold for the whole walk', () => {
    const cfg = busy({
      script: script(
        [10_000, { type: 'pause-vcpu', vcpu: 0 }],
        [10_000, { type: 'pause-vcpu', vcpu: 1 }],
        [10_000, { type: 'pause-vcpu', vcpu: 2 }],
        [10_000, { type: 'pause-vcpu', vcpu: 3 }],
        [100_000, { type: 'memslot-delete' }],
      ),
    });
    const { events, violation } = runChecked(cfg);
    expect(violation).toBeNull();
    expect(ofType(events, 'lock.broken')).toEqual([]);
    expect(ofType(events, 'lock.acquired').filter((e) => e.actor === 'zapper')).toHaveLength(1);
  });

  it('resched-only (no CONFIG_PREEMPT): waiters alone never break the lock', () => {
    const { events } = runChecked(busy({ lockBreak: 'resched-only', reschedEveryNs: 0 }));
    expect(ofType(events, 'lock.broken')).toEqual([]);
    expect(ofType(events, 'lock.contended').length).toBeGreaterThan(0);
  });

  it('resched-only with a reschedule due every 100 µs breaks on need_resched after a full batch', () => {
    const { events, violation } = runChecked(busy({ lockBreak: 'resched-only', reschedEveryNs: 100_000 }));
    expect(violation).toBeNull();
    const breaks = ofType(events, 'lock.broken');
    expect(breaks.length).toBeGreaterThan(0);
    const acquired = ofType(events, 'lock.acquired').filter((e) => e.actor === 'zapper');
    for (const b of breaks) {
      expect(b.reason).toBe('need_resched');
      expect(b.batch).toBeGreaterThanOrEqual(10);
      const since = acquired.filter((a) => a.i < b.i).at(-1)!;
      expect(b.tNs - since.tNs).toBeGreaterThanOrEqual(100_000);
    }
  });

  it('restarts with an empty batch after each break', () => {
    const { events } = runChecked(busy());
    const zapperEvents = events.filter((e) => e.actor === 'zapper');
    const firstAfterBreak: number[] = [];
    for (let k = 0; k < zapperEvents.length; k++) {
      if (zapperEvents[k]!.type !== 'lock.broken') continue;
      const next = zapperEvents.slice(k + 1).find((e) => e.type === 'page.prepared');
      if (next?.type === 'page.prepared' && next.to !== 'head') firstAfterBreak.push(next.batch);
    }
    expect(firstAfterBreak.length).toBeGreaterThan(0);
    expect(firstAfterBreak.length).toBe(ofType(events, 'lock.broken').length);
    expect(firstAfterBreak.every((batch) => batch === 1)).toBe(true);
  });

  it('after a break the zapper queues behind the vCPUs that were spinning (ticket order)', () => {
    const { events } = runChecked(busy());
    const breaks = ofType(events, 'lock.broken');
    expect(breaks.length).toBeGreaterThan(0);
    for (const b of breaks) {
      expect(b.waiters).toBeGreaterThan(0); // it broke because vCPUs were spinning
      const after = events.filter((e) => e.i > b.i && e.type === 'lock.acquired');
      const zapperAt = after.findIndex((e) => e.actor === 'zapper');
      expect(zapperAt).toBeGreaterThanOrEqual(b.waiters);
    }
  });
});

describe('zap-all against the fast strategies', () => {
  it('kvm_mmu_zap_all holds mmu_lock for the whole walk: no breaks, one acquire and one release', () => {
    const { events, violation } = runChecked(busy({ strategy: 'zap-all' }));
    expect(violation).toBeNull();
    expect(ofType(events, 'lock.broken')).toEqual([]);
    const acq = ofType(events, 'lock.acquired').filter((e) => e.actor === 'zapper');
    const rel = ofType(events, 'lock.released').filter((e) => e.actor === 'zapper');
    expect(acq).toHaveLength(1);
    expect(rel).toHaveLength(1);
    const start = ofType(events, 'invalidation.started')[0]!;
    const done = ofType(events, 'invalidation.done')[0]!;
    expect(rel[0]!.heldNs).toBe(done.tNs - start.tNs);
    expect(ofType(events, 'gen.bumped')).toEqual([]);
    // 34 pages freed in the hold; the shared root is in use, so it is parked at the head.
    const prepared = ofType(events, 'page.prepared').filter((e) => e.actor === 'zapper');
    expect(prepared.filter((e) => e.to !== 'head')).toHaveLength(34);
    expect(prepared.filter((e) => e.to === 'head').map((e) => e.page)).toEqual([1]);
  });

  it('zap-all walks from the head (newest first); fast walks from the tail (oldest first)', () => {
    const slow = ofType(runChecked(busy({ strategy: 'zap-all' })).events, 'page.prepared').filter((e) => e.actor === 'zapper');
    const fast = ofType(runChecked(busy()).events, 'page.prepared').filter((e) => e.actor === 'zapper');
    expect(slow[0]!.page).toBe(36 - 1);
    expect(fast[0]!.page).toBe(1);
  });

  it('the fast walk holds the lock for about one batch; zap-all for all of it', () => {
    const hold = (strategy: Strategy): number =>
      Math.max(
        ...ofType(runChecked(busy({ strategy })).events, 'lock.released')
          .filter((e) => e.actor === 'zapper')
          .map((e) => e.heldNs),
      );
    const slow = hold('zap-all');
    const fast = hold('fast-3.11');
    expect(fast * 2).toBeLessThan(slow);
  });

  it('fast-3.11 reloads every vCPU right after the bump and flushes remote TLBs once, at the end', () => {
    const { events } = runChecked(busy());
    const bump = ofType(events, 'gen.bumped')[0]!;
    const reload = ofType(events, 'reload.requested')[0]!;
    expect(reload.actor).toBe('zapper');
    expect(reload.i).toBe(bump.i + 1);
    expect(reload.page).toBeNull();
    const flushes = ofType(events, 'tlb.flushed').filter((e) => e.actor === 'zapper');
    const done = ofType(events, 'zap.walk.done')[0]!;
    expect(flushes).toHaveLength(1);
    expect(flushes[0]!.i).toBe(done.i + 1);
  });

  it('fast-5304b8d has no reload after the bump and commits (flush + free) at every break', () => {
    const { events } = runChecked(busy({ strategy: 'fast-5304b8d' }));
    const bump = ofType(events, 'gen.bumped')[0]!;
    expect(events[bump.i + 1]!.type).not.toBe('reload.requested');
    const zapper = events.filter((e) => e.actor === 'zapper');
    for (const b of ofType(events, 'lock.broken')) {
      if (b.batch === 0) continue;
      const k = zapper.findIndex((e) => e.i === b.i);
      const freed = zapper.slice(0, k).reverse();
      const flushAt = freed.findIndex((e) => e.type === 'tlb.flushed');
      expect(flushAt).toBe(b.batch); // batch page.freed events, then the flush, before the break
      expect(freed.slice(0, b.batch).every((e) => e.type === 'page.freed')).toBe(true);
    }
  });

  it('prepared pages go to the list the strategy prepares into (zapped_obsolete_pages from 365c886860c4)', () => {
    for (const strategy of STRATEGY_NAMES) {
      const to = new Set(
        ofType(runChecked(busy({ strategy })).events, 'page.prepared')
          .filter((e) => e.actor === 'zapper' && e.to !== 'head')
          .map((e) => e.to),
      );
      expect([...to], strategy).toEqual([STRATEGIES[strategy].prepareInto]);
    }
  });
});
