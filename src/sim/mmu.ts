/**
 * The MMU rules, one function per kernel function (Linux 3.11 arch/x86/kvm/mmu.c), for the
 * direct (TDP/EPT) map: finding or making pages and mapping a gfn. Zapping is in mmuZap.ts, the
 * requests to other vCPUs in requests.ts. Each returns the simulated cost of what it did; the
 * caller charges it.
 */
import { ROOT_LEVEL } from './constants.ts';
import { emit, type Ctx } from './ctx.ts';
import { allocPage, hashBucket, indexKey, isObsolete, page, setLeaf } from './pages.ts';
import type { ActorId, PageId, ShadowPage } from './types.ts';

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
