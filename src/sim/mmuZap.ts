/**
 * Zapping pages (Linux 3.11 arch/x86/kvm/mmu.c): `kvm_mmu_prepare_zap_page` moves a page to a
 * list of pages to free, `kvm_mmu_commit_zap_page` flushes once and frees the list, and
 * `make_mmu_pages_available` zaps the oldest pages when few are free. Each returns the simulated
 * cost of what it did; the caller charges it.
 */
import { SPTES_PER_PAGE, KVM_MIN_FREE_MMU_PAGES, KVM_REFILL_PAGES } from './constants.ts';
import { emit, type Ctx } from './ctx.ts';
import { noteUsed } from './mmu.ts';
import { freePage, isObsolete, listAddHead, listDel, page } from './pages.ts';
import { kvmFlushRemoteTlbs, kvmReloadRemoteMmus } from './requests.ts';
import { NO_PAGE, type ActorId, type PageId, type ShadowPage } from './types.ts';
import type { ZapListName } from './strategy.ts';

export interface PrepareResult {
  /** Pages moved to the invalid list (this one and unsync children): the kernel's return value. */
  readonly ret: number;
  readonly costNs: number;
}

/**
 * `kvm_mmu_prepare_zap_page`: zap unsync children, unlink children and parents, then move the
 * page to `list` (root_count 0) or park it at the head of `active_mmu_pages` (a root still in
 * use), and set `role.invalid`.
 */
export function kvmMmuPrepareZapPage(
  ctx: Ctx,
  actor: ActorId,
  sp: ShadowPage,
  list: PageId[],
  listName: ZapListName,
  batchBefore: number,
): PrepareResult {
  const { s, cfg, traits } = ctx;
  // 1. mmu_zap_unsync_children (never set for direct pages; kept for shadow paging).
  const unsync = zapUnsyncChildren(ctx, sp, (child, batch) => kvmMmuPrepareZapPage(ctx, actor, child, list, listName, batchBefore + batch));
  let ret = unsync.ret;
  let cost = cfg.costs.preparePageNs + unsync.costNs;
  // 2. kvm_mmu_page_unlink_children and 3. kvm_mmu_unlink_parents.
  const unlinked = unlinkChildren(ctx, sp);
  cost += unlinked.costNs;
  const unlinkedParents = unlinkParents(ctx, sp);
  cost += unlinkedParents.length * cfg.costs.nonLeafSpteDropNs;
  // 4. (indirect pages: unaccount_shadowed) and 5. kvm_unlink_unsync_page.
  if (sp.unsync) sp.unsync = false;
  const wasInvalid = sp.role.invalid;
  const obsolete = isObsolete(s, sp);
  let reloadRequested = false;
  if (sp.rootCount === 0) {
    ret++;
    listDel(s, sp);
    sp.list = listName === 'zapped_obsolete_pages' ? 'zapped_obsolete' : 'invalid_list';
    list.push(sp.id);
    s.nUsedMmuPages--;
    noteUsed(ctx);
  } else {
    listDel(s, sp);
    listAddHead(s, sp);
    reloadRequested = !wasInvalid && (traits.reload.onObsoleteRoot || !obsolete);
  }
  sp.role = { ...sp.role, invalid: true };
  emit(ctx, actor, {
    type: 'page.prepared',
    fn: 'kvm_mmu_prepare_zap_page',
    page: sp.id,
    level: sp.role.level,
    gen: sp.gen,
    to: sp.rootCount === 0 ? listName : 'head',
    leafSptes: unlinked.leafSptes,
    unlinkedChildren: unlinked.children,
    unlinkedParents,
    unsyncZapped: unsync.zapped,
    batch: batchBefore + ret,
    costNs: cost,
  });
  if (sp.rootCount > 0) {
    emit(ctx, actor, { type: 'root.parked', fn: 'kvm_mmu_prepare_zap_page', page: sp.id, rootCount: sp.rootCount, reloadRequested });
    if (reloadRequested) cost += kvmReloadRemoteMmus(ctx, actor, sp.id);
  }
  return { ret, costNs: cost };
}

/** `mmu_zap_unsync_children`: `prepare` every unsync child of `sp` (none for direct pages), given the batch so far. */
function zapUnsyncChildren(
  ctx: Ctx,
  sp: ShadowPage,
  prepare: (child: ShadowPage, batch: number) => PrepareResult,
): PrepareResult & { readonly zapped: PageId[] } {
  const zapped: PageId[] = [];
  let ret = 0;
  let cost = 0;
  if (sp.role.level > 1 && sp.unsyncChildren > 0) {
    for (const childId of [...sp.children.values()]) {
      const child = page(ctx.s, childId);
      if (!child.unsync) continue;
      const r = prepare(child, ret);
      ret += r.ret;
      cost += r.costNs;
      zapped.push(childId);
    }
  }
  return { ret, costNs: cost, zapped };
}

/** `kvm_mmu_page_unlink_children`: every one of the 512 slots is examined; leaves dropped, children unlinked. */
function unlinkChildren(ctx: Ctx, sp: ShadowPage): { readonly leafSptes: number; readonly children: PageId[]; readonly costNs: number } {
  const c = ctx.cfg.costs;
  let cost = SPTES_PER_PAGE * c.spteScanNs;
  const leafSptes = sp.leafCount;
  if (sp.leaves) {
    sp.leaves.fill(0);
    sp.leafCount = 0;
    cost += leafSptes * c.leafSpteDropNs;
  }
  const children: PageId[] = [];
  for (const [idx, childId] of sp.children) {
    const child = page(ctx.s, childId);
    const at = child.parents.findIndex((p) => p.page === sp.id && p.index === idx);
    if (at >= 0) child.parents.splice(at, 1);
    children.push(childId);
  }
  sp.children.clear();
  cost += children.length * c.nonLeafSpteDropNs;
  return { leafSptes, children, costNs: cost };
}

/** `kvm_mmu_unlink_parents`: clear the spte that points at `sp` in each parent. */
function unlinkParents(ctx: Ctx, sp: ShadowPage): PageId[] {
  const unlinked: PageId[] = [];
  for (const p of sp.parents) {
    page(ctx.s, p.page).children.delete(p.index);
    unlinked.push(p.page);
  }
  sp.parents = [];
  return unlinked;
}

/**
 * `kvm_mmu_commit_zap_page`: if the list is non-empty, one `kvm_flush_remote_tlbs`, then free
 * every page on it. Empties `list` in place.
 */
export function kvmMmuCommitZapPage(ctx: Ctx, actor: ActorId, list: PageId[]): number {
  if (list.length === 0) return 0;
  const { s, cfg } = ctx;
  let cost = kvmFlushRemoteTlbs(ctx, actor, list.length);
  // list_move adds at the head of the invalid list; the commit walks it from the head.
  for (let k = list.length - 1; k >= 0; k--) {
    const sp = page(s, list[k]!);
    if (sp.rootCount !== 0) throw new Error(`freeing page ${sp.id} with root_count ${sp.rootCount}`);
    freePage(s, sp);
    const inv = s.metrics.invalidations[s.metrics.invalidations.length - 1];
    if (inv && sp.createdAt < inv.bumpAt) inv.lastFreeNs = s.tNs;
    emit(ctx, actor, {
      type: 'page.freed',
      fn: 'kvm_mmu_free_page',
      page: sp.id,
      level: sp.role.level,
      gen: sp.gen,
      nUsed: s.nUsedMmuPages,
    });
    cost += cfg.costs.pageFreeNs;
  }
  list.length = 0;
  return cost;
}

/**
 * `make_mmu_pages_available`: with fewer than KVM_MIN_FREE_MMU_PAGES free, zap the oldest pages
 * (`prepare_zap_oldest_mmu_page`, from the tail) until KVM_REFILL_PAGES are free, then commit.
 */
export function makeMmuPagesAvailable(ctx: Ctx, actor: ActorId): number {
  const { s } = ctx;
  if (s.nMaxMmuPages - s.nUsedMmuPages >= KVM_MIN_FREE_MMU_PAGES) return 0;
  const list: PageId[] = [];
  let cost = 0;
  let guard = s.pages.size + 1;
  while (s.nMaxMmuPages - s.nUsedMmuPages < KVM_REFILL_PAGES && s.tail !== NO_PAGE && guard-- > 0) {
    cost += kvmMmuPrepareZapPage(ctx, actor, page(s, s.tail), list, 'invalid_list', 0).costNs;
  }
  return cost + kvmMmuCommitZapPage(ctx, actor, list);
}
