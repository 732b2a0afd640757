/**
 * The ioctl thread that deletes a memslot: `kvm_arch_flush_shadow_memslot` → the strategy's entry
 * function (`kvm_mmu_invalidate_zap_all_pages` in 3.11, `kvm_mmu_zap_all` before). Every name and
 * rule that differs between kernels comes from the strategy's traits (strategy.ts).
 * Memslot updates are serialised (slots_lock), so jobs run one after another.
 */
import { emit, wake, type Ctx } from './ctx.ts';
import { lockAcquire, lockContended, lockRelease, lockTake } from './lock.ts';
import { noteUsed } from './mmu.ts';
import { kvmMmuCommitZapPage, kvmMmuPrepareZapPage } from './mmuZap.ts';
import { kvmReloadRemoteMmus } from './requests.ts';
import { isObsolete, page } from './pages.ts';
import { nextGen, type ZapListName } from './strategy.ts';
import { NO_PAGE, type PageId, type ShadowPage } from './types.ts';
import { ZAPPER } from './actors.ts';

/** Run one step of the zapper. */
export function zapperStep(ctx: Ctx): void {
  const { s } = ctx;
  const z = s.zapper;
  switch (z.pc) {
    case 'idle':
      return startJob(ctx);
    case 'lock':
      lockTake(ctx, ZAPPER);
      return bump(ctx);
    case 'relock':
      lockTake(ctx, ZAPPER);
      z.batch = 0;
      z.zappedWhileWaiting = 0;
      z.cursor = s.head;
      z.pc = 'walk';
      return walk(ctx);
    case 'walk':
      return walk(ctx);
    case 'commit':
      return commit(ctx);
    case 'unlock':
      return finish(ctx);
    case 'bump':
      return bump(ctx);
    case 'break':
      return breakLock(ctx);
  }
}

function startJob(ctx: Ctx): void {
  const { s, traits } = ctx;
  const z = s.zapper;
  const job = z.queue.shift();
  if (job === undefined) return;
  z.job = job;
  z.startedNs = s.tNs;
  z.zappedThisJob = 0;
  z.batch = 0;
  z.zappedWhileWaiting = 0;
  z.lastUnsync = 0;
  if (job.type === 'invalidate') {
    s.metrics.invalidations.push({ startNs: s.tNs, bumpAt: Number.MAX_SAFE_INTEGER, lastFreeNs: -1, doneNs: -1 });
    emit(ctx, ZAPPER, {
      type: 'invalidation.started',
      fn: traits.entryFn,
      strategy: ctx.cfg.strategy,
      cause: job.cause,
      nUsed: s.nUsedMmuPages,
    });
  }
  z.pc = 'lock';
  if (lockAcquire(ctx, ZAPPER)) return bump(ctx);
}

/** Under the lock: bump `mmu_valid_gen` (by the strategy's rule) and (from f34d251d) `kvm_reload_remote_mmus`. */
function bump(ctx: Ctx): void {
  const { s, cfg, traits } = ctx;
  const z = s.zapper;
  z.pc = 'walk';
  z.cursor = s.head;
  const job = z.job!;
  let cost = 0;
  const inv = s.metrics.invalidations[s.metrics.invalidations.length - 1];
  if (job.type === 'invalidate' && inv) inv.bumpAt = s.eventCount;
  if (traits.generation.bumpOnInvalidate || job.type === 'bump-only') {
    const oldGen = s.mmuValidGen;
    s.mmuValidGen = nextGen(traits.generation.rule, oldGen);
    emit(ctx, ZAPPER, {
      type: 'gen.bumped',
      fn: traits.generation.fn,
      oldGen,
      newGen: s.mmuValidGen,
      nUsed: s.nUsedMmuPages,
    });
    cost += cfg.costs.genBumpNs;
    if (traits.reload.afterBump || job.type === 'bump-only') cost += kvmReloadRemoteMmus(ctx, ZAPPER, null);
  }
  if (job.type === 'bump-only') z.pc = 'unlock';
  wake(ctx, ZAPPER, cost);
}

/** The next page the walk would prepare, or why it stops (and at which page). */
function nextCandidate(ctx: Ctx): ShadowPage | { readonly stop: 'reached-valid' | 'list-end'; readonly at: PageId | null } {
  const { s, traits } = ctx;
  const z = s.zapper;
  if (traits.walk.from === 'head') {
    // kvm_mmu_zap_all: list_for_each_entry_safe from the head, every page.
    return z.cursor === NO_PAGE ? { stop: 'list-end', at: null } : page(s, z.cursor);
  }
  // kvm_zap_obsolete_pages: reverse walk from the tail; stop at the first valid page,
  // skip pages already invalid (in-use roots parked at the head).
  for (let id = s.tail; id !== NO_PAGE;) {
    const sp = page(s, id);
    if (!isObsolete(s, sp)) return { stop: 'reached-valid', at: sp.id };
    if (!sp.role.invalid) return sp;
    id = sp.newer;
  }
  return { stop: 'list-end', at: null };
}

/** Should `cond_resched_lock` yield now? */
function needBreak(ctx: Ctx): 'spin_needbreak' | 'need_resched' | null {
  const { s, cfg } = ctx;
  if (cfg.lockBreak === 'contended' && lockContended(ctx)) return 'spin_needbreak';
  if (cfg.reschedEveryNs > 0 && s.tNs - s.lock.heldSinceNs >= cfg.reschedEveryNs) return 'need_resched';
  return null;
}

function zapList(ctx: Ctx): { list: PageId[]; name: ZapListName } {
  return ctx.traits.prepareInto === 'zapped_obsolete_pages'
    ? { list: ctx.s.zappedObsolete, name: 'zapped_obsolete_pages' }
    : { list: ctx.s.zapper.invalidList, name: 'invalid_list' };
}

/** One iteration of the walk: a lock break, one prepared page, or the end of the walk. */
function walk(ctx: Ctx): void {
  const { s, cfg, traits } = ctx;
  const z = s.zapper;
  const cand = nextCandidate(ctx);
  if ('stop' in cand) {
    // stoppedAt: the first non-obsolete page met from the tail (not always the tail: parked
    // invalid roots before it are skipped).
    emit(ctx, ZAPPER, { type: 'zap.walk.done', fn: traits.walk.fn, reason: cand.stop, stoppedAt: cand.at });
    s.metrics.batchSizes.push(z.batch);
    z.pc = 'commit';
    return commit(ctx);
  }
  const minBatch = traits.lock.batched ? cfg.batchZapPages : 0;
  if (traits.lock.breakFn !== null && z.batch >= minBatch) {
    const reason = needBreak(ctx);
    if (reason !== null) {
      let cost = 0;
      if (traits.lock.commitAtBreak) cost += kvmMmuCommitZapPage(ctx, ZAPPER, zapList(ctx).list);
      emit(ctx, ZAPPER, { type: 'lock.broken', fn: traits.lock.breakFn, batch: z.batch, waiters: s.lock.waiters.length, reason });
      s.metrics.lockBreaks++;
      s.metrics.batchSizes.push(z.batch);
      if (cost > 0) {
        // 5304b8d committed (flush + free) before breaking, still under the lock.
        z.pc = 'break';
        return wake(ctx, ZAPPER, cost);
      }
      return breakLock(ctx);
    }
  }
  const { list, name } = zapList(ctx);
  const older = cand.older;
  const waiting = s.lock.waiters.length > 0;
  const r = kvmMmuPrepareZapPage(ctx, ZAPPER, cand, list, name, z.batch);
  z.batch += r.ret;
  z.lastUnsync = Math.max(0, r.ret - 1);
  if (waiting) z.zappedWhileWaiting += r.ret;
  z.zappedThisJob += r.ret;
  s.metrics.pagesZapped += r.ret;
  if (traits.walk.from === 'head') z.cursor = r.ret > 0 ? s.head : older; // goto restart, or on to `node`
  wake(ctx, ZAPPER, r.costNs);
}

/** `cond_resched_lock` (the strategy's `lock.breakFn`): unlock (the first waiter gets it), then queue for the lock again. */
function breakLock(ctx: Ctx): void {
  const { s } = ctx;
  const z = s.zapper;
  lockRelease(ctx, ZAPPER);
  z.pc = 'relock';
  z.batch = 0;
  z.zappedWhileWaiting = 0;
  if (lockAcquire(ctx, ZAPPER)) {
    // Nobody was waiting after all (need_resched only): carry on from the tail.
    z.zappedWhileWaiting = 0;
    z.pc = 'walk';
    return walk(ctx);
  }
}

/** `kvm_mmu_commit_zap_page` after the loop: one remote flush, free everything prepared. */
function commit(ctx: Ctx): void {
  const { s } = ctx;
  const cost = kvmMmuCommitZapPage(ctx, ZAPPER, zapList(ctx).list);
  s.zapper.pc = 'unlock';
  wake(ctx, ZAPPER, cost);
}

function finish(ctx: Ctx): void {
  const { s, traits } = ctx;
  const z = s.zapper;
  lockRelease(ctx, ZAPPER);
  const job = z.job;
  if (job && job.type === 'invalidate') {
    const inv = s.metrics.invalidations[s.metrics.invalidations.length - 1];
    if (inv) inv.doneNs = s.tNs;
    s.lastInvalidationDoneGen = s.mmuValidGen;
    emit(ctx, ZAPPER, {
      type: 'invalidation.done',
      fn: traits.entryFn,
      strategy: ctx.cfg.strategy,
      pagesZapped: z.zappedThisJob,
      durationNs: s.tNs - z.startedNs,
      gen: s.mmuValidGen,
    });
  }
  noteUsed(ctx);
  z.job = null;
  z.pc = 'idle';
  if (z.queue.length > 0) wake(ctx, ZAPPER, 0);
}
