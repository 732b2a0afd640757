/**
 * Building the initial state: an empty VM, or one whose vCPUs have already touched their working
 * sets (every frame mapped, as after the guest's warm-up), emitted as `page.created` events so
 * the log alone describes the picture.
 */
import { KVM_MMU_HASH_BUCKETS, ROOT_LEVEL } from './constants.ts';
import { emit, wake, type Ctx } from './ctx.ts';
import { noteUsed } from './mmu.ts';
import { allocPage, page } from './pages.ts';
import { seedRng } from './rng.ts';
import type { PageId, SimConfig, SimState, VcpuState } from './types.ts';
import { INVALID_PAGE, NO_PAGE } from './types.ts';
import { SETUP, vcpuActor } from './actors.ts';

export function initialState(cfg: SimConfig): SimState {
  const vcpus: VcpuState[] = cfg.vcpus.map((workload, n) => ({
    id: vcpuActor(n),
    root: INVALID_PAGE,
    reqMmuReload: false,
    reqTlbFlush: false,
    inGuest: false,
    activity: 'exiting',
    pc: 'enter',
    afterUnlock: 'enter',
    paused: false,
    wakeToken: 0,
    workload,
    faultGfn: 0,
    seqCursor: 0,
    faults: 0,
    lockWaitNs: 0,
  }));
  return {
    tNs: 0,
    eventCount: 0,
    rng: seedRng(cfg.seed),
    mmuValidGen: 0,
    pages: new Map(),
    nextPageId: 1,
    head: NO_PAGE,
    tail: NO_PAGE,
    hashCount: new Array<number>(KVM_MMU_HASH_BUCKETS).fill(0),
    index: new Map(),
    nUsedMmuPages: 0,
    nMaxMmuPages: cfg.nMaxMmuPages,
    zappedObsolete: [],
    lock: { holder: null, heldSinceNs: 0, waiters: [], handoffSinceNs: 0 },
    vcpus,
    zapper: {
      pc: 'idle',
      queue: [],
      job: null,
      batch: 0,
      zappedWhileWaiting: 0,
      lastUnsync: 0,
      cursor: NO_PAGE,
      startedNs: 0,
      zappedThisJob: 0,
      invalidList: [],
      wakeToken: 0,
    },
    shrinker: { pending: 0, pc: 'idle', wakeToken: 0 },
    queue: [],
    nextSeq: 0,
    script: [...cfg.script].sort((a, b) => a.atNs - b.atNs),
    metrics: {
      maxZapperHoldNs: 0,
      lockBreaks: 0,
      pagesZapped: 0,
      batchSizes: [],
      shadowPagesPeak: 0,
      nUsedSamples: [],
      invalidations: [],
      remoteFlushes: 0,
    },
    lastInvalidationDoneGen: 0,
  };
}

/** Merged, sorted [start, end) frame ranges of every vCPU's working set. */
function workingSetRanges(cfg: SimConfig): [number, number][] {
  const rs = cfg.vcpus
    .filter((w) => w.pattern !== 'idle' && w.pages > 0)
    .map((w): [number, number] => [w.baseGfn, w.baseGfn + w.pages])
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of rs) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function createPage(ctx: Ctx, gfn: number, level: number, parent: { page: PageId; index: number } | null): PageId {
  const { s } = ctx;
  const sp = allocPage(s, gfn, { level, direct: true, invalid: false, access: 7, quadrant: 0 }, s.eventCount);
  if (parent) {
    page(s, parent.page).children.set(parent.index, sp.id);
    sp.parents.push(parent);
  }
  return sp.id;
}

/** Map every frame of every working set, as the vCPUs' faults would have (DFS order). */
function prepopulate(ctx: Ctx): PageId {
  const { s, cfg } = ctx;
  const created: PageId[] = [];
  const root = createPage(ctx, 0, ROOT_LEVEL, null);
  created.push(root);
  const upper = new Map<string, PageId>();
  for (const [start, end] of workingSetRanges(cfg)) {
    for (let region = start - (start % 512); region < end; region += 512) {
      let parent = root;
      for (let level = ROOT_LEVEL; level > 1; level--) {
        const span = 2 ** ((level - 1) * 9);
        const idx = Math.floor(region / span) & 511;
        const childGfn = region - (region % span);
        const key = `${level - 1}:${childGfn}`;
        let child = upper.get(key);
        if (child === undefined) {
          child = createPage(ctx, childGfn, level - 1, { page: parent, index: idx });
          upper.set(key, child);
          created.push(child);
        }
        parent = child;
      }
      const l1 = page(s, parent);
      const lo = Math.max(start, region);
      const hi = Math.min(end, region + 512);
      for (let g = lo; g < hi; g++) {
        const idx = g & 511;
        const w = idx >> 5;
        const bit = 1 << (idx & 31);
        if ((l1.leaves![w]! & bit) === 0) {
          l1.leaves![w] = l1.leaves![w]! | bit;
          l1.leafCount++;
        }
      }
    }
  }
  for (const id of created) {
    const sp = page(s, id);
    const parent = sp.parents[0];
    emit(ctx, SETUP, {
      type: 'page.created',
      fn: 'kvm_mmu_get_page',
      page: id,
      gfn: sp.gfn,
      level: sp.role.level,
      direct: true,
      gen: sp.gen,
      parent: parent ? parent.page : null,
      index: parent ? parent.index : 0,
      leaves: sp.leafCount,
      hashProbes: 0,
    });
  }
  noteUsed(ctx);
  return root;
}

/** Populate (if asked), load the shared root, and schedule every vCPU's first entry. */
export function boot(ctx: Ctx): void {
  const { s, cfg } = ctx;
  if (cfg.prepopulate) {
    const root = prepopulate(ctx);
    const sp = page(s, root);
    for (const v of s.vcpus) {
      sp.rootCount++;
      v.root = root;
      emit(ctx, SETUP, {
        type: 'root.loaded',
        fn: 'mmu_alloc_roots',
        vcpu: v.id,
        page: root,
        rootCount: sp.rootCount,
        created: v.id === 0,
      });
    }
  }
  // Stagger the first entries so vCPUs do not move in lockstep.
  for (const v of s.vcpus) wake(ctx, v.id, 1 + v.id * 97);
}
