/**
 * The MMU shrinker (`mmu_shrink`, 3.11): under host memory pressure, per call and per VM, free
 * `zapped_obsolete_pages` if there are any (365c886860c4, "reclaim the zapped-obsolete page
 * first"); otherwise prepare the oldest page (`prepare_zap_oldest_mmu_page`) and commit.
 */
import { emit, wake, type Ctx } from './ctx.ts';
import { lockAcquire, lockRelease, lockTake } from './lock.ts';
import { kvmMmuCommitZapPage, kvmMmuPrepareZapPage } from './mmuZap.ts';
import { page } from './pages.ts';
import { NO_PAGE, type PageId } from './types.ts';
import { SHRINKER } from './actors.ts';

export function shrinkerStep(ctx: Ctx): void {
  const { s } = ctx;
  const sh = s.shrinker;
  switch (sh.pc) {
    case 'idle':
      if (sh.pending <= 0) return;
      if (s.nUsedMmuPages === 0 && s.zappedObsolete.length === 0) {
        sh.pending = 0; // nothing to shrink in this VM
        return;
      }
      sh.pc = 'work';
      if (lockAcquire(ctx, SHRINKER)) return work(ctx);
      return;
    case 'work':
      lockTake(ctx, SHRINKER);
      return work(ctx);
    case 'unlock':
      lockRelease(ctx, SHRINKER);
      sh.pending--;
      sh.pc = 'idle';
      if (sh.pending > 0) wake(ctx, SHRINKER, 0);
      return;
  }
}

function work(ctx: Ctx): void {
  const { s, cfg } = ctx;
  let cost = cfg.costs.shrinkCallNs;
  let freed = 0;
  const fromZapped = s.zappedObsolete.length > 0;
  if (fromZapped) {
    freed = s.zappedObsolete.length;
    cost += kvmMmuCommitZapPage(ctx, SHRINKER, s.zappedObsolete);
  } else if (s.tail !== NO_PAGE) {
    const list: PageId[] = [];
    const r = kvmMmuPrepareZapPage(ctx, SHRINKER, page(s, s.tail), list, 'invalid_list', 0);
    freed = r.ret;
    cost += r.costNs + kvmMmuCommitZapPage(ctx, SHRINKER, list);
  }
  emit(ctx, SHRINKER, { type: 'shrink.done', fn: 'mmu_shrink', freed, fromZappedObsolete: fromZapped });
  s.shrinker.pc = 'unlock';
  wake(ctx, SHRINKER, cost);
}
