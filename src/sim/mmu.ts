/**
 * The MMU rules, one function per kernel function (Linux 3.11 arch/x86/kvm/mmu.c), for the
 * direct (TDP/EPT) map. Each returns the simulated cost of what it did; the caller charges it.
 */
import { SPTES_PER_PAGE, ROOT_LEVEL, KVM_MIN_FREE_MMU_PAGES, KVM_REFILL_PAGES } from './constants.ts';
import { emit, wake, type Ctx } from './ctx.ts';
import { allocPage, freePage, hashBucket, indexKey, isObsolete, listAddHead, listDel, page, setLeaf } from './pages.ts';
import type { ActorId, PageId, ShadowPage } from './types.ts';
import type { ZapListName } from './strategy.ts';

/** ACC_ALL: the access bits of a direct page. */
const ACC_ALL = 7;

export interface GetPageResult {
  readonly sp: ShadowPage;
  readonly created: boolean;
  readonly costNs: number;
}

/**
 * `kvm_mmu_get_page` for a direct page: walk the gfn's hash bucket skipping obsolete pages and
 * pages whose role differs (an invalid page's role differs); link to `parent` if given.
 */
export function kvmMmuGetPage(
  ctx: Ctx,
  actor: ActorId,
  gfn: number,
  level: number,
  parent: { page: PageId; index: number } | null,
): GetPageResult {
  const { s, cfg } = ctx;
  const bucketSize = s.hashCount[hashBucket(gfn)]!;
  const candidates = s.index.get(indexKey(gfn, level, true));
  let found: ShadowPage | undefined;
  if (candidates) {
    for (const id of candidates) {
      const sp = page(s, id);
      if (!isObsolete(s, sp) && !sp.role.invalid) {
        found = sp;
        break;
      }
    }
  }
  if (found) {
    // A hit stops part-way down the bucket; the model charges half of it (docs/MODEL.md).
    const probes = Math.ceil(bucketSize / 2);
    if (parent) {
      linkChild(ctx, parent, found);
      emit(ctx, actor, { type: 'page.linked', fn: 'kvm_mmu_get_page', page: found.id, parent: parent.page, index: parent.index });
    }
    return { sp: found, created: false, costNs: probes * cfg.costs.hashProbeNs };
  }
  const role = { level, direct: true, invalid: false, access: ACC_ALL, quadrant: 0 };
  const sp = allocPage(s, gfn, role, s.eventCount);
  if (parent) linkChild(ctx, parent, sp);
  noteUsed(ctx);
  emit(ctx, actor, {
    type: 'page.created',
    fn: 'kvm_mmu_get_page',
    page: sp.id,
    gfn,
    level,
    direct: true,
    gen: sp.gen,
    parent: parent ? parent.page : null,
    index: parent ? parent.index : 0,
    leaves: 0,
    hashProbes: bucketSize,
  });
  return { sp, created: true, costNs: bucketSize * cfg.costs.hashProbeNs + cfg.costs.pageAllocNs };
}

function linkChild(ctx: Ctx, parent: { page: PageId; index: number }, child: ShadowPage): void {
  page(ctx.s, parent.page).children.set(parent.index, child.id);
  child.parents.push({ page: parent.page, index: parent.index });
}

/** Record `n_used_mmu_pages` for the metrics. */
export function noteUsed(ctx: Ctx): void {
  const { s } = ctx;
  const m = s.metrics;
  if (s.nUsedMmuPages > m.shadowPagesPeak) m.shadowPagesPeak = s.nUsedMmuPages;
  const last = m.nUsedSamples[m.nUsedSamples.length - 1];
  if (last && last[0] === s.tNs) last[1] = s.nUsedMmuPages;
  else m.nUsedSamples.push([s.tNs, s.nUsedMmuPages]);
}

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
  const c = cfg.costs;
  let ret = 0;
  let cost = c.preparePageNs;
  // 1. mmu_zap_unsync_children (never set for direct pages; kept for shadow paging).
  const unsyncZapped: PageId[] = [];
  if (sp.role.level > 1 && sp.unsyncChildren > 0) {
    for (const childId of [...sp.children.values()]) {
      const child = page(s, childId);
      if (!child.unsync) continue;
      const r = kvmMmuPrepareZapPage(ctx, actor, child, list, listName, batchBefore + ret);
      ret += r.ret;
      cost += r.costNs;
      unsyncZapped.push(childId);
    }
  }
  // 2. kvm_mmu_page_unlink_children: every one of the 512 slots is examined.
  cost += SPTES_PER_PAGE * c.spteScanNs;
  const leafSptes = sp.leafCount;
  if (sp.leaves) {
    sp.leaves.fill(0);
    sp.leafCount = 0;
    cost += leafSptes * c.leafSpteDropNs;
  }
  const unlinkedChildren: PageId[] = [];
  for (const [idx, childId] of sp.children) {
    const child = page(s, childId);
    const at = child.parents.findIndex((p) => p.page === sp.id && p.index === idx);
    if (at >= 0) child.parents.splice(at, 1);
    unlinkedChildren.push(childId);
  }
  sp.children.clear();
  cost += unlinkedChildren.length * c.nonLeafSpteDropNs;
  // 3. kvm_mmu_unlink_parents.
  const unlinkedParents: PageId[] = [];
  for (const p of sp.parents) {
    page(s, p.page).children.delete(p.index);
    unlinkedParents.push(p.page);
  }
  sp.parents = [];
  cost += unlinkedParents.length * c.nonLeafSpteDropNs;
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
    leafSptes,
    unlinkedChildren,
    unlinkedParents,
    unsyncZapped,
    batch: batchBefore + ret,
    costNs: cost,
  });
  if (sp.rootCount > 0) {
    emit(ctx, actor, { type: 'root.parked', fn: 'kvm_mmu_prepare_zap_page', page: sp.id, rootCount: sp.rootCount, reloadRequested });
    if (reloadRequested) cost += kvmReloadRemoteMmus(ctx, actor, sp.id);
  }
  return { ret, costNs: cost };
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

/** `kvm_flush_remote_tlbs`: KVM_REQ_TLB_FLUSH to every vCPU, IPI those in guest mode, wait. */
export function kvmFlushRemoteTlbs(ctx: Ctx, actor: ActorId, pages: number): number {
  const { s } = ctx;
  s.metrics.remoteFlushes++;
  emit(ctx, actor, { type: 'tlb.flushed', fn: 'kvm_flush_remote_tlbs', scope: 'remote', vcpu: null, pages });
  for (const v of s.vcpus) {
    v.reqTlbFlush = true;
    if (v.inGuest) kick(ctx, v.id, 'ipi');
  }
  return ctx.cfg.costs.remoteTlbFlushNs;
}

/** `kvm_reload_remote_mmus`: KVM_REQ_MMU_RELOAD to every vCPU, IPI those in guest mode, wait. */
export function kvmReloadRemoteMmus(ctx: Ctx, actor: ActorId, cause: PageId | null): number {
  const { s } = ctx;
  const kicked = s.vcpus.filter((v) => v.inGuest).map((v) => v.id);
  for (const v of s.vcpus) v.reqMmuReload = true;
  emit(ctx, actor, {
    type: 'reload.requested',
    fn: 'kvm_reload_remote_mmus',
    vcpus: s.vcpus.map((v) => v.id),
    kicked,
    page: cause,
  });
  for (const id of kicked) kick(ctx, id, 'ipi');
  return ctx.cfg.costs.reloadIpiNs;
}

/** An IPI (or a pause) takes a vCPU out of guest mode; it re-enters through vcpu_enter_guest. */
export function kick(ctx: Ctx, vcpu: number, reason: 'ipi' | 'pause'): void {
  const v = ctx.s.vcpus[vcpu]!;
  v.inGuest = false;
  v.activity = 'exiting';
  v.wakeToken++;
  v.pc = 'enter';
  emit(ctx, vcpu, { type: 'vcpu.exited', fn: 'vcpu_enter_guest', vcpu, reason });
  wake(ctx, vcpu, ctx.cfg.costs.vmExitNs);
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
  while (s.nMaxMmuPages - s.nUsedMmuPages < KVM_REFILL_PAGES && s.tail !== -1 && guard-- > 0) {
    cost += kvmMmuPrepareZapPage(ctx, actor, page(s, s.tail), list, 'invalid_list', 0).costNs;
  }
  return cost + kvmMmuCommitZapPage(ctx, actor, list);
}

/** gfn aligned down to the region one spte of `level` maps (the child page's gfn). */
function alignGfn(gfn: number, level: number): number {
  const span = 2 ** ((level - 1) * 9);
  return gfn - (gfn % span);
}

export interface DirectMapResult {
  readonly created: number;
  readonly costNs: number;
  readonly leafPage: PageId;
  readonly leafIndex: number;
  readonly leaves: number;
}

/**
 * `__direct_map`: walk from the vCPU's root; at each level whose spte is empty get (or create)
 * the child page and link it; at level 1 install the leaf. No generation check on the way
 * (3.11 had none): a fault under an obsolete root builds under it.
 */
export function directMap(ctx: Ctx, actor: ActorId, root: PageId, gfn: number): DirectMapResult {
  const { s } = ctx;
  let sp = page(s, root);
  let created = 0;
  let cost = 0;
  for (let level = ROOT_LEVEL; level > 1; level--) {
    const idx = Math.floor(gfn / 2 ** ((level - 1) * 9)) & 511;
    const childId = sp.children.get(idx);
    if (childId !== undefined) {
      sp = page(s, childId);
      continue;
    }
    const r = kvmMmuGetPage(ctx, actor, alignGfn(gfn, level), level - 1, { page: sp.id, index: idx });
    if (r.created) created++;
    cost += r.costNs;
    sp = r.sp;
  }
  const idx = gfn & 511;
  setLeaf(sp, idx);
  return { created, costNs: cost, leafPage: sp.id, leafIndex: idx, leaves: sp.leafCount };
}
