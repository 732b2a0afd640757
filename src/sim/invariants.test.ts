/**
 * The invariant checker catches what it claims to: each invariant is broken by hand in an
 * otherwise healthy state and must be reported under its own name.
 */
import { describe, expect, it } from 'vitest';
import { cloneState } from './clone.ts';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import { INVARIANTS, InvariantChecker, type InvariantName } from './invariants.ts';
import { allocPage, indexKey, listAddHead, listDel, page } from './pages.ts';
import { makeConfig, runChecked, script } from './testkit.ts';
import { pageId, type SimConfig, type SimState } from './types.ts';

/** A healthy state after some steps, and a checker that has seen its events. */
function healthy(cfg: SimConfig, steps = 40): { s: SimState; checker: InvariantChecker } {
  const checker = new InvariantChecker(cfg);
  const sim = Simulation.create(cfg, (e) => checker.onEvent(e));
  expect(checker.afterStep(sim.state)).toBeNull();
  for (let k = 0; k < steps && sim.step(); k++) expect(checker.afterStep(sim.state)).toBeNull();
  return { s: cloneState(sim.snapshot()), checker };
}

function fake<T extends SimEvent['type']>(type: T, body: Record<string, unknown>): SimEvent {
  return { type, i: 0, tNs: 0, actor: 'vcpu0', fn: 'kvm_mmu_get_page', ...body } as unknown as SimEvent;
}

const broken = (checker: InvariantChecker, s: SimState): InvariantName | undefined => checker.afterStep(s)?.invariant;

describe('InvariantChecker', () => {
  const cfg = makeConfig();

  it('names every invariant the issue asks for', () => {
    expect(Object.keys(INVARIANTS).sort()).toEqual(
      [
        'active-list-order',
        'batch-bound',
        'get-page-not-obsolete',
        'guest-root-valid',
        'hash-and-lists-agree',
        'n-used-count',
        'no-free-in-use-root',
        'no-obsolete-after-invalidation',
      ].sort(),
    );
  });

  it('guest-root-valid: a vCPU in guest mode on an invalid root', () => {
    const { s, checker } = healthy(cfg);
    s.vcpus[0]!.inGuest = true;
    page(s, s.vcpus[0]!.root).role.invalid = true;
    expect(broken(checker, s)).toBe('guest-root-valid');
  });

  it('guest-root-valid: on an obsolete root, illegal from f34d251d on, legal before', () => {
    const a = healthy(cfg);
    a.s.vcpus[0]!.inGuest = true;
    a.s.mmuValidGen++;
    expect(broken(a.checker, a.s)).toBe('guest-root-valid');
    const old = makeConfig({ strategy: 'fast-batch' });
    const b = healthy(old);
    b.s.vcpus[0]!.inGuest = true;
    b.s.mmuValidGen++;
    expect(broken(b.checker, b.s)).toBeUndefined();
  });

  it('get-page-not-obsolete: a lookup that returned a page of an old generation', () => {
    const { s, checker } = healthy(cfg);
    s.mmuValidGen = 3;
    checker.onEvent(fake('page.linked', { page: 2, parent: 1, index: 0 }));
    expect(broken(checker, s)).toBe('get-page-not-obsolete');
  });

  it('no-free-in-use-root: freeing a page whose root_count the log says is not 0', () => {
    const { s, checker } = healthy(cfg);
    checker.onEvent(fake('page.freed', { page: 1, level: 4, gen: 0, nUsed: 10 }));
    s.pages.delete(pageId(1)); // (the state agrees it is gone; the log says root_count 2)
    expect(broken(checker, s)).toBe('no-free-in-use-root');
  });

  it('active-list-order: a page moved to the head out of creation order', () => {
    const { s, checker } = healthy(cfg);
    const sp = page(s, pageId(3));
    listDel(s, sp);
    listAddHead(s, sp);
    expect(broken(checker, s)).toBe('active-list-order');
  });

  it('hash-and-lists-agree: a page missing from mmu_page_hash', () => {
    const { s, checker } = healthy(cfg);
    const sp = page(s, pageId(5));
    s.index.delete(indexKey(sp.gfn, sp.role.level, sp.role.direct));
    expect(broken(checker, s)).toBe('hash-and-lists-agree');
  });

  it('hash-and-lists-agree: a bucket count that disagrees', () => {
    const { s, checker } = healthy(cfg);
    s.hashCount[7] = 1;
    expect(broken(checker, s)).toBe('hash-and-lists-agree');
  });

  it('n-used-count: n_used_mmu_pages off by one', () => {
    const { s, checker } = healthy(cfg);
    s.nUsedMmuPages++;
    expect(broken(checker, s)).toBe('n-used-count');
  });

  it('batch-bound: more than BATCH_ZAP_PAGES prepared while someone spun (fast, contended only)', () => {
    const a = healthy(cfg);
    a.s.zapper.zappedWhileWaiting = 11;
    expect(broken(a.checker, a.s)).toBe('batch-bound');
    const b = healthy(cfg);
    b.s.zapper.zappedWhileWaiting = 11;
    b.s.zapper.lastUnsync = 1; // the last page's unsync children are allowed beyond the batch
    expect(broken(b.checker, b.s)).toBeUndefined();
    const c = healthy(makeConfig({ strategy: 'zap-all' }));
    c.s.zapper.zappedWhileWaiting = 500;
    expect(broken(c.checker, c.s)).toBeUndefined();
  });

  it('no-obsolete-after-invalidation: a page from before the bump still there once all is settled', () => {
    const run = makeConfig({ script: script([100_000, { type: 'memslot-delete' }]) });
    const { sim, violation } = runChecked(run);
    expect(violation).toBeNull();
    const s = cloneState(sim.snapshot());
    allocPage(s, 4096, { level: 1, direct: true, invalid: false, access: 7, quadrant: 0 }, 0);
    expect(new InvariantChecker(run).afterStep(s)?.invariant).toBe('no-obsolete-after-invalidation');
  });

  it('reports the event index and a detail', () => {
    const { s, checker } = healthy(cfg);
    s.nUsedMmuPages += 2;
    const v = checker.afterStep(s)!;
    expect(v.eventIndex).toBe(s.eventCount - 1);
    expect(v.description).toBe(INVARIANTS['n-used-count']);
    expect(v.detail).toMatch(/n_used_mmu_pages/);
  });
});
