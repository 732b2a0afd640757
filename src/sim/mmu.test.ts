/**
 * The MMU rules one by one (mmu.ts), on small hand-built worlds: kvm_mmu_prepare_zap_page,
 * kvm_mmu_commit_zap_page, kvm_mmu_get_page, make_mmu_pages_available, __direct_map.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS, KVM_MIN_FREE_MMU_PAGES, KVM_REFILL_PAGES, SPTES_PER_PAGE } from './constants.ts';
import { makeCtx, type Ctx } from './ctx.ts';
import type { SimEvent } from './events.ts';
import { directMap, kvmMmuGetPage } from './mmu.ts';
import { kvmMmuCommitZapPage, kvmMmuPrepareZapPage, makeMmuPagesAvailable } from './mmuZap.ts';
import { hashBucket, page } from './pages.ts';
import { boot, initialState } from './setup.ts';
import { activeFromTail, makeConfig, ofType, workload } from './testkit.ts';
import { pageId, type PageId, type SimConfig, type SimState } from './types.ts';
import { ZAPPER, vcpuActor } from './actors.ts';

interface World {
  readonly s: SimState;
  readonly ctx: Ctx;
  readonly events: SimEvent[];
}

/** A booted world (pre-populated, roots loaded) whose rules we call directly. */
function world(over: Partial<SimConfig> = {}): World {
  const cfg = makeConfig(over);
  const s = initialState(cfg);
  const events: SimEvent[] = [];
  const ctx = makeCtx(s, cfg, (e) => events.push(e));
  boot(ctx);
  events.length = 0;
  return { s, ctx, events };
}

/** The default world: 2 vCPUs, 16 MiB mapped: root 1, L3 2, L2 3, L1 4..11. */
const ROOT = pageId(1);
const L3 = pageId(2);
const L2 = pageId(3);
const FIRST_L1 = pageId(4);
const V0 = vcpuActor(0);
const V1 = vcpuActor(1);

describe('the pre-populated world', () => {
  it('has one shared root and a FIFO active list, oldest at the tail', () => {
    const { s } = world();
    expect(s.pages.size).toBe(11);
    expect(s.nUsedMmuPages).toBe(11);
    expect(page(s, ROOT).rootCount).toBe(2);
    expect(s.vcpus.map((v) => v.root)).toEqual([ROOT, ROOT]);
    expect(activeFromTail(s)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(page(s, FIRST_L1).leafCount).toBe(SPTES_PER_PAGE);
    expect(page(s, L2).children.size).toBe(8);
  });
});

describe('kvm_mmu_prepare_zap_page', () => {
  it('unlinks the children, which stay on the active list without parents', () => {
    const { s, ctx, events } = world();
    const list: PageId[] = [];
    const r = kvmMmuPrepareZapPage(ctx, ZAPPER, page(s, L2), list, 'zapped_obsolete_pages', 0);
    expect(r.ret).toBe(1);
    for (let id = FIRST_L1; id <= 11; id++) {
      const child = page(s, pageId(id));
      expect(child.list).toBe('active');
      expect(child.parents).toEqual([]);
      expect(child.role.invalid).toBe(false);
      expect(child.leafCount).toBe(SPTES_PER_PAGE); // a child's own sptes are untouched
    }
    expect(page(s, L2).children.size).toBe(0);
    const ev = ofType(events, 'page.prepared');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.unlinkedChildren).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(ev[0]!.unlinkedParents).toEqual([L3]);
  });

  it('unlinks the parents, moves the page to the list, marks it invalid and counts it out of n_used', () => {
    const { s, ctx, events } = world();
    const list: PageId[] = [];
    const sp = page(s, FIRST_L1);
    kvmMmuPrepareZapPage(ctx, ZAPPER, sp, list, 'zapped_obsolete_pages', 3);
    expect(page(s, L2).children.has(0)).toBe(false);
    expect(sp.parents).toEqual([]);
    expect(sp.leafCount).toBe(0);
    expect(sp.role.invalid).toBe(true);
    expect(sp.list).toBe('zapped_obsolete');
    expect(list).toEqual([FIRST_L1]);
    expect(s.nUsedMmuPages).toBe(10);
    expect(activeFromTail(s)).not.toContain(FIRST_L1);
    const ev = ofType(events, 'page.prepared')[0]!;
    expect(ev.leafSptes).toBe(SPTES_PER_PAGE);
    expect(ev.to).toBe('zapped_obsolete_pages');
    expect(ev.batch).toBe(4);
    // Every one of the 512 slots is examined; each present leaf is dropped.
    expect(ev.costNs).toBe(
      DEFAULT_COSTS.preparePageNs +
        SPTES_PER_PAGE * (DEFAULT_COSTS.spteScanNs + DEFAULT_COSTS.leafSpteDropNs) +
        DEFAULT_COSTS.nonLeafSpteDropNs,
    );
  });

  it('parks an in-use root at the head, invalid, with a reload when it is not obsolete (fast-3.11)', () => {
    const { s, ctx, events } = world();
    const list: PageId[] = [];
    const r = kvmMmuPrepareZapPage(ctx, ZAPPER, page(s, ROOT), list, 'zapped_obsolete_pages', 0);
    expect(r.ret).toBe(0);
    expect(list).toEqual([]);
    expect(s.head).toBe(ROOT);
    expect(s.tail).toBe(L3);
    expect(page(s, ROOT).role.invalid).toBe(true);
    expect(page(s, ROOT).list).toBe('active');
    expect(s.nUsedMmuPages).toBe(11); // still counted: it is still on active_mmu_pages
    const parked = ofType(events, 'root.parked');
    expect(parked).toEqual([expect.objectContaining({ page: ROOT, rootCount: 2, reloadRequested: true })]);
    expect(ofType(events, 'reload.requested')).toEqual([expect.objectContaining({ page: ROOT, vcpus: [0, 1] })]);
    expect(s.vcpus.every((v) => v.reqMmuReload)).toBe(true);
  });

  it('asks for no reload when the parked root is obsolete (fast-3.11: the bump already did)', () => {
    const { s, ctx, events } = world();
    s.mmuValidGen++;
    kvmMmuPrepareZapPage(ctx, ZAPPER, page(s, ROOT), [], 'zapped_obsolete_pages', 0);
    expect(ofType(events, 'root.parked')[0]!.reloadRequested).toBe(false);
    expect(ofType(events, 'reload.requested')).toEqual([]);
    expect(s.vcpus.some((v) => v.reqMmuReload)).toBe(false);
  });

  it('asks for a reload even when the parked root is obsolete before f34d251d (fast-5304b8d)', () => {
    const { s, ctx, events } = world({ strategy: 'fast-5304b8d' });
    s.mmuValidGen++;
    kvmMmuPrepareZapPage(ctx, ZAPPER, page(s, ROOT), [], 'invalid_list', 0);
    expect(ofType(events, 'root.parked')[0]!.reloadRequested).toBe(true);
    expect(ofType(events, 'reload.requested')).toHaveLength(1);
  });

  it('asks for no second reload when the root is already invalid', () => {
    const { s, ctx, events } = world({ strategy: 'fast-5304b8d' });
    kvmMmuPrepareZapPage(ctx, ZAPPER, page(s, ROOT), [], 'invalid_list', 0);
    kvmMmuPrepareZapPage(ctx, ZAPPER, page(s, ROOT), [], 'invalid_list', 0);
    expect(ofType(events, 'root.parked').map((e) => e.reloadRequested)).toEqual([true, false]);
    expect(ofType(events, 'reload.requested')).toHaveLength(1);
  });

  it('kicks only the vCPUs in guest mode when it asks for a reload', () => {
    const { s, ctx, events } = world();
    s.vcpus[0]!.inGuest = true;
    kvmMmuPrepareZapPage(ctx, ZAPPER, page(s, ROOT), [], 'zapped_obsolete_pages', 0);
    expect(ofType(events, 'reload.requested')[0]!.kicked).toEqual([0]);
    expect(ofType(events, 'vcpu.exited')).toEqual([expect.objectContaining({ vcpu: 0, reason: 'ipi' })]);
    expect(s.vcpus[0]!.inGuest).toBe(false);
  });
});

describe('kvm_mmu_commit_zap_page', () => {
  it('does one remote TLB flush, then frees every page, the last prepared first', () => {
    const { s, ctx, events } = world();
    const list: PageId[] = [];
    for (const id of [FIRST_L1, FIRST_L1 + 1, FIRST_L1 + 2])
      kvmMmuPrepareZapPage(ctx, ZAPPER, page(s, pageId(id)), list, 'invalid_list', 0);
    const hashed = (): number => s.hashCount.reduce((a, b) => a + b, 0);
    const before = hashed();
    events.length = 0;
    const cost = kvmMmuCommitZapPage(ctx, ZAPPER, list);
    expect(events.map((e) => e.type)).toEqual(['tlb.flushed', 'page.freed', 'page.freed', 'page.freed']);
    expect(ofType(events, 'page.freed').map((e) => e.page)).toEqual([6, 5, 4]);
    expect(ofType(events, 'tlb.flushed')[0]).toMatchObject({ scope: 'remote', pages: 3 });
    expect(cost).toBe(DEFAULT_COSTS.remoteTlbFlushNs + 3 * DEFAULT_COSTS.pageFreeNs);
    expect(list).toEqual([]);
    for (const id of [4, 5, 6]) expect(s.pages.has(pageId(id))).toBe(false);
    expect(hashed()).toBe(before - 3); // removed from mmu_page_hash only now
    expect(s.metrics.remoteFlushes).toBe(1);
    expect(s.vcpus.every((v) => v.reqTlbFlush)).toBe(true);
  });

  it('does nothing, not even a flush, for an empty list', () => {
    const { ctx, events } = world();
    expect(kvmMmuCommitZapPage(ctx, ZAPPER, [])).toBe(0);
    expect(events).toEqual([]);
  });
});

describe('kvm_mmu_get_page', () => {
  it('never returns an obsolete page: a new page of the current generation is made', () => {
    const { s, ctx, events } = world();
    s.mmuValidGen = 7;
    const r = kvmMmuGetPage(ctx, V0, 0, 4, null);
    expect(r.created).toBe(true);
    expect(r.sp.id).not.toBe(ROOT);
    expect(r.sp.gen).toBe(7);
    expect(s.head).toBe(r.sp.id); // new pages go to the head
    const created = ofType(events, 'page.created')[0]!;
    expect(created).toMatchObject({ page: r.sp.id, gen: 7, level: 4, gfn: 0, parent: null });
    // The failed lookup walked the whole bucket (which held the old root and more).
    expect(created.hashProbes).toBe(s.hashCount[hashBucket(0)]! - 1);
    // Now the new page is found and shared.
    const again = kvmMmuGetPage(ctx, V1, 0, 4, null);
    expect(again.created).toBe(false);
    expect(again.sp.id).toBe(r.sp.id);
  });

  it('skips an invalid page of the current generation (its role differs)', () => {
    const { s, ctx } = world();
    kvmMmuPrepareZapPage(ctx, ZAPPER, page(s, ROOT), [], 'zapped_obsolete_pages', 0);
    const r = kvmMmuGetPage(ctx, V0, 0, 4, null);
    expect(r.created).toBe(true);
    expect(r.sp.role.invalid).toBe(false);
  });

  it('links a found page under a new parent and records the parent pte', () => {
    const { s, ctx, events } = world();
    const fresh = kvmMmuGetPage(ctx, V0, 0, 4, null).sp; // a second level-4 page (pretend gen bump)
    const r = kvmMmuGetPage(ctx, V0, 0, 3, { page: fresh.id, index: 0 });
    expect(r.created).toBe(false);
    expect(r.sp.id).toBe(L3);
    expect(page(s, L3).parents).toEqual([
      { page: ROOT, index: 0 },
      { page: fresh.id, index: 0 },
    ]);
    expect(ofType(events, 'page.linked')).toEqual([expect.objectContaining({ page: L3, parent: fresh.id, index: 0 })]);
  });

  it('charges the hash bucket walk: all direct level-1 pages hash to buckets 0 and 512 under 3.11', () => {
    const { s } = world({ vcpus: [workload(64, 0)] });
    const l1 = [...s.pages.values()].filter((p) => p.role.level === 1);
    expect(l1).toHaveLength(32);
    expect(new Set(l1.map((p) => hashBucket(p.gfn)))).toEqual(new Set([0, 512]));
    expect(s.hashCount[0]! + s.hashCount[512]!).toBe(s.pages.size);
  });
});

describe('make_mmu_pages_available', () => {
  it('does nothing while at least KVM_MIN_FREE_MMU_PAGES are free', () => {
    const { s, ctx, events } = world({ nMaxMmuPages: 11 + KVM_MIN_FREE_MMU_PAGES });
    expect(makeMmuPagesAvailable(ctx, V0)).toBe(0);
    expect(events).toEqual([]);
    expect(s.pages.size).toBe(11);
  });

  it('recycles from the tail until KVM_REFILL_PAGES are free, then commits once', () => {
    // 64 MiB mapped: 1 + 1 + 1 + 32 = 35 pages; limit 38 leaves 3 free (< 5).
    const { s, ctx, events } = world({ vcpus: [workload(64, 0)], nMaxMmuPages: 38 });
    expect(s.nUsedMmuPages).toBe(35);
    const tailOrder = activeFromTail(s);
    makeMmuPagesAvailable(ctx, V0);
    expect(s.nMaxMmuPages - s.nUsedMmuPages).toBe(KVM_REFILL_PAGES);
    const prepared = ofType(events, 'page.prepared').map((e) => e.page);
    // The root (the oldest page) is in use: parked, not counted; then the next oldest pages.
    expect(prepared).toEqual(tailOrder.slice(0, prepared.length));
    expect(prepared[0]).toBe(ROOT);
    expect(ofType(events, 'page.freed')).toHaveLength(KVM_REFILL_PAGES - 3);
    expect(ofType(events, 'tlb.flushed')).toHaveLength(1);
    expect(page(s, ROOT).role.invalid).toBe(true);
    expect(s.head).toBe(ROOT);
  });
});

describe('__direct_map', () => {
  it('creates the missing pages level by level and installs the leaf', () => {
    const { ctx, events } = world();
    const gfn = 5000; // beyond the 16 MiB already mapped: needs a new level-1 page
    const r = directMap(ctx, V0, ROOT, gfn);
    expect(r.created).toBe(1);
    const created = ofType(events, 'page.created')[0]!;
    expect(created).toMatchObject({ level: 1, gfn: gfn - (gfn % 512), parent: L2, index: Math.floor(gfn / 512) });
    expect(r.leafIndex).toBe(gfn & 511);
    expect(r.leaves).toBe(1);
  });

  it('builds new-generation pages under an obsolete root (3.11 has no stale-root check)', () => {
    const { s, ctx } = world();
    s.mmuValidGen++;
    const r = directMap(ctx, V0, ROOT, 5000);
    const l1 = page(s, r.leafPage);
    expect(l1.gen).toBe(1);
    expect(l1.parents).toEqual([{ page: L2, index: 9 }]);
    expect(page(s, L2).gen).toBe(0);
  });
});
