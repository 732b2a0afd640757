/**
 * A vCPU as a state machine over `vcpu_enter_guest` (x86.c): service requests (unload the MMU on
 * KVM_REQ_MMU_RELOAD, flush on KVM_REQ_TLB_FLUSH), `kvm_mmu_reload` if no root, enter the guest,
 * touch memory, exit on an EPT violation, `tdp_page_fault`, and back.
 */
import { emit, wake, type Ctx } from './ctx.ts';
import { lockAcquire, lockRelease, lockTake } from './lock.ts';
import { directMap, kvmMmuGetPage } from './mmu.ts';
import { kvmMmuCommitZapPage, kvmMmuPrepareZapPage, makeMmuPagesAvailable } from './mmuZap.ts';
import { isObsolete, page, translate } from './pages.ts';
import { nextInt } from './rng.ts';
import { ROOT_LEVEL } from './constants.ts';
import type { ActorId, PageId, VcpuActivity, VcpuPc, VcpuState, Workload } from './types.ts';
import { INVALID_PAGE } from './types.ts';

/** A run step simulates at most this many touches or this much guest time without an event. */
const RUN_MAX_TOUCHES = 1024;
const RUN_MAX_NS = 100_000;

/** Draw the next touched guest frame. */
function drawGfn(ctx: Ctx, v: VcpuState): number {
  const w = v.workload;
  const rng = ctx.s.rng;
  switch (w.pattern) {
    case 'uniform':
    case 'idle':
      return w.baseGfn + nextInt(rng, w.pages);
    case 'hot-set': {
      const hot = Math.max(1, Math.floor((w.pages * w.hotPermille) / 1000));
      if (hot >= w.pages || nextInt(rng, 1000) < w.hotAccessPermille) return w.baseGfn + nextInt(rng, hot);
      return w.baseGfn + hot + nextInt(rng, w.pages - hot);
    }
    case 'sequential': {
      const g = w.baseGfn + (v.seqCursor % w.pages);
      v.seqCursor = (v.seqCursor + 1) % w.pages;
      return g;
    }
  }
}

function drawGap(ctx: Ctx, w: Workload): number {
  return Math.max(1, Math.floor(w.gapNs / 2) + nextInt(ctx.s.rng, w.gapNs + 1));
}

/** Run one step of vCPU `id`. */
export function vcpuStep(ctx: Ctx, id: ActorId): void {
  const { s, cfg } = ctx;
  const v = s.vcpus[id]!;
  const c = cfg.costs;
  switch (v.pc) {
    case 'enter':
      return enter(ctx, v);
    case 'run':
      return run(ctx, v);
    case 'exit-fault': {
      if (translate(s, v.root, v.faultGfn)) return run(ctx, v); // another vCPU mapped it meanwhile
      v.inGuest = false;
      v.activity = 'faulting';
      v.faults++;
      emit(ctx, id, { type: 'vcpu.exited', fn: 'vcpu_enter_guest', vcpu: id, reason: 'ept-violation' });
      emit(ctx, id, { type: 'fault.started', fn: 'tdp_page_fault', vcpu: id, gfn: v.faultGfn });
      v.pc = 'fault';
      return wake(ctx, id, Math.floor(c.vmExitNs / 2) + c.faultPrepNs);
    }
    case 'fault':
    case 'free-roots':
    case 'alloc-roots':
    case 'sync-roots':
      return wantLock(ctx, v, v.pc);
    case 'fault-locked':
      return tookLock(ctx, v, 'fault');
    case 'free-roots-locked':
      return tookLock(ctx, v, 'free-roots');
    case 'alloc-roots-locked':
      return tookLock(ctx, v, 'alloc-roots');
    case 'sync-roots-locked':
      return tookLock(ctx, v, 'sync-roots');
    case 'unlock':
      lockRelease(ctx, id);
      v.pc = v.afterUnlock;
      return vcpuStep(ctx, id);
    case 'parked':
      return;
  }
}

type LockStep = 'fault' | 'free-roots' | 'alloc-roots' | 'sync-roots';

/**
 * The steps that take `mmu_lock`: the pc that holds it, the activity shown while waiting for it
 * (null: unchanged) and once taken after a wait, and what the vCPU does under it.
 */
const UNDER_LOCK: Record<
  LockStep,
  { locked: VcpuPc; waiting: VcpuActivity | null; taken: VcpuActivity | null; then: (ctx: Ctx, v: VcpuState) => void }
> = {
  fault: { locked: 'fault-locked', waiting: null, taken: null, then: faultLocked },
  'free-roots': { locked: 'free-roots-locked', waiting: 'reloading', taken: 'reloading', then: freeRootsLocked },
  'alloc-roots': { locked: 'alloc-roots-locked', waiting: 'reloading', taken: 'reloading', then: allocRootsLocked },
  'sync-roots': { locked: 'sync-roots-locked', waiting: null, taken: 'reloading', then: syncRootsLocked },
};

/** Ask for `mmu_lock`: go on under it at once if free, else spin (the lock hands it over later). */
function wantLock(ctx: Ctx, v: VcpuState, step: LockStep): void {
  const u = UNDER_LOCK[step];
  v.pc = u.locked;
  if (u.waiting) v.activity = u.waiting;
  if (lockAcquire(ctx, v.id)) u.then(ctx, v);
}

/** Handed `mmu_lock` after spinning for it: take it and go on. */
function tookLock(ctx: Ctx, v: VcpuState, step: LockStep): void {
  const u = UNDER_LOCK[step];
  lockTake(ctx, v.id);
  if (u.taken) v.activity = u.taken; // it spun for the lock; now it holds it
  u.then(ctx, v);
}

/** The end of a step under `mmu_lock`: `spin_unlock` after `costNs`, then on to `next`. */
function unlockThen(ctx: Ctx, v: VcpuState, next: VcpuPc, costNs: number): void {
  v.pc = 'unlock';
  v.afterUnlock = next;
  wake(ctx, v.id, costNs);
}

/** `vcpu_enter_guest`: requests first, then `kvm_mmu_reload`, then guest mode. */
function enter(ctx: Ctx, v: VcpuState): void {
  const { cfg } = ctx;
  if (v.paused) {
    v.pc = 'parked';
    v.activity = 'paused';
    return;
  }
  if (v.reqMmuReload) {
    v.reqMmuReload = false;
    emit(ctx, v.id, { type: 'reload.serviced', fn: 'vcpu_enter_guest', vcpu: v.id });
    if (v.root !== INVALID_PAGE) {
      v.pc = 'free-roots'; // kvm_mmu_unload → mmu_free_roots
      return vcpuStep(ctx, v.id);
    }
  }
  if (v.root === INVALID_PAGE) {
    v.pc = 'alloc-roots'; // kvm_mmu_reload → kvm_mmu_load → mmu_alloc_roots
    return vcpuStep(ctx, v.id);
  }
  let delay = 0;
  if (v.reqTlbFlush) {
    v.reqTlbFlush = false;
    emit(ctx, v.id, { type: 'tlb.flushed', fn: 'vcpu_enter_guest', scope: 'local', vcpu: v.id, pages: 0 });
    delay += cfg.costs.localTlbFlushNs;
  }
  v.inGuest = true;
  v.activity = 'guest';
  v.pc = 'run';
  emit(ctx, v.id, { type: 'vcpu.entered', fn: 'vcpu_enter_guest', vcpu: v.id, root: v.root });
  if (v.workload.pattern !== 'idle' && v.workload.pages > 0) wake(ctx, v.id, delay);
}

/** In guest: touch memory until a touch misses the map (an EPT violation) or the window ends. */
function run(ctx: Ctx, v: VcpuState): void {
  const { s } = ctx;
  v.pc = 'run';
  if (v.workload.pattern === 'idle' || v.workload.pages <= 0) return;
  let acc = 0;
  for (let n = 0; n < RUN_MAX_TOUCHES && acc < RUN_MAX_NS; n++) {
    const gfn = drawGfn(ctx, v);
    acc += drawGap(ctx, v.workload);
    if (!translate(s, v.root, gfn)) {
      v.faultGfn = gfn;
      v.pc = 'exit-fault';
      return wake(ctx, v.id, acc);
    }
  }
  wake(ctx, v.id, acc);
}

/** `tdp_page_fault` under `mmu_lock`: `make_mmu_pages_available`, then `__direct_map`. */
function faultLocked(ctx: Ctx, v: VcpuState): void {
  const { s, cfg } = ctx;
  v.activity = 'faulting';
  let cost = cfg.costs.faultLockedNs + makeMmuPagesAvailable(ctx, v.id);
  const root = v.root;
  const rootPage = page(s, root);
  const rootStale = isObsolete(s, rootPage) || rootPage.role.invalid;
  const r = directMap(ctx, v.id, root, v.faultGfn);
  cost += r.costNs;
  emit(ctx, v.id, {
    type: 'fault.done',
    fn: 'tdp_page_fault',
    vcpu: v.id,
    gfn: v.faultGfn,
    root,
    created: r.created,
    rootObsolete: rootStale,
    leafPage: r.leafPage,
    leafIndex: r.leafIndex,
    leaves: r.leaves,
  });
  unlockThen(ctx, v, 'enter', cost);
}

/** `mmu_free_roots`: drop the root; a root that hits zero while invalid is zapped at once. */
function freeRootsLocked(ctx: Ctx, v: VcpuState): void {
  const { s, cfg } = ctx;
  let cost = cfg.costs.freeRootsNs;
  const sp = page(s, v.root);
  sp.rootCount--;
  emit(ctx, v.id, { type: 'root.dropped', fn: 'mmu_free_roots', vcpu: v.id, page: sp.id, rootCount: sp.rootCount });
  v.root = INVALID_PAGE;
  if (sp.rootCount === 0 && sp.role.invalid) {
    const list: PageId[] = [];
    cost += kvmMmuPrepareZapPage(ctx, v.id, sp, list, 'invalid_list', 0).costNs;
    cost += kvmMmuCommitZapPage(ctx, v.id, list);
  }
  unlockThen(ctx, v, 'enter', cost);
}

/** `mmu_alloc_roots` (direct): `make_mmu_pages_available`, get the level-4 page for gfn 0. */
function allocRootsLocked(ctx: Ctx, v: VcpuState): void {
  const { cfg } = ctx;
  let cost = cfg.costs.allocRootsNs + makeMmuPagesAvailable(ctx, v.id);
  const r = kvmMmuGetPage(ctx, v.id, 0, ROOT_LEVEL, null);
  cost += r.costNs;
  r.sp.rootCount++;
  v.root = r.sp.id;
  emit(ctx, v.id, { type: 'root.loaded', fn: 'mmu_alloc_roots', vcpu: v.id, page: r.sp.id, rootCount: r.sp.rootCount, created: r.created });
  v.reqTlbFlush = true; // kvm_mmu_load ends with a local TLB flush
  unlockThen(ctx, v, 'sync-roots', cost);
}

/**
 * `kvm_mmu_sync_roots`, which 3.11's `kvm_mmu_load` calls right after `mmu_alloc_roots`: it takes
 * `mmu_lock` once more, and `mmu_sync_roots` returns at once for a direct map. It costs nothing,
 * but under contention it is one more wait in the ticket queue (docs/MODEL.md).
 */
function syncRootsLocked(ctx: Ctx, v: VcpuState): void {
  unlockThen(ctx, v, 'enter', 0);
}
