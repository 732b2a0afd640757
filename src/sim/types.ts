/**
 * The simulation state: plain data, cloned by `snapshot()` and never shared with the outside.
 * Names follow the kernel (arch/x86/kvm/mmu.c, Linux 3.11); see docs/MODEL.md for the decisions
 * the kernel does not dictate.
 */
import type { CostModel } from './constants.ts';
import type { StrategyName } from './strategy.ts';

/**
 * A shadow page's id (the simulator's stand-in for the page's address). Branded, so that a page id
 * cannot be passed where an actor or a vCPU is expected, nor a plain number where a page is: the
 * only way to make one is `pageId`. In events it is a plain JSON number.
 */
export type PageId = number & { readonly __brand: 'PageId' };
/** The one way to make a PageId: a page's number as allocated (pages.ts) or read back (pack.ts), tests. */
export const pageId = (n: number): PageId => n as PageId;
/** `INVALID_PAGE`: a vCPU's `root_hpa` when no root is loaded. */
export const INVALID_PAGE: PageId = pageId(-1);
/** No page: either end of a list (the kernel's list_head), a walk with no cursor. */
export const NO_PAGE: PageId = pageId(-1);

/**
 * An actor: vCPU n is `n >= 0`; the zapper, the shrinker and the setup are negative. Branded like
 * PageId; made only by the actor codec (actors.ts: `vcpuActor`, ZAPPER, SHRINKER, SETUP).
 */
export type ActorId = number & { readonly __brand: 'ActorId' };

/** `union kvm_mmu_page_role`, the fields that matter here. */
export interface Role {
  readonly level: number;
  readonly direct: boolean;
  invalid: boolean;
  readonly access: number;
  readonly quadrant: number;
}

/** Which list a page's `link` is on. */
export type PageList = 'active' | 'zapped_obsolete' | 'invalid_list';

/** `struct kvm_mmu_page`. */
export interface ShadowPage {
  readonly id: PageId;
  readonly gfn: number;
  role: Role;
  /** `sp->mmu_valid_gen`, stamped at allocation. */
  readonly gen: number;
  /** Non-leaf sptes: spte index → child page. */
  children: Map<number, PageId>;
  /** Level-1 pages: present leaf sptes as a 512-bit map (16 words); null for upper levels. */
  leaves: number[] | null;
  /** Number of set bits in `leaves`. */
  leafCount: number;
  /** `parent_ptes`: the sptes (page, index) pointing at this page. */
  parents: { page: PageId; index: number }[];
  /** `root_count`: hardware roots (vCPUs) using this page. */
  rootCount: number;
  unsync: boolean;
  unsyncChildren: number;
  list: PageList;
  /** `link` on `active_mmu_pages`: toward the head (newer) and toward the tail (older). */
  newer: PageId;
  older: PageId;
  /** Event index at creation (the inspector's history starts here). */
  readonly createdAt: number;
}

/** A vCPU's guest-memory access pattern. Times are in simulated ns. */
export interface Workload {
  readonly pattern: 'uniform' | 'hot-set' | 'sequential' | 'idle';
  /** First 4 KiB guest frame of the working set. */
  readonly baseGfn: number;
  /** Size of the working set in 4 KiB pages. */
  readonly pages: number;
  /** hot-set: the hot part, in permille of the working set. */
  readonly hotPermille: number;
  /** hot-set: share of accesses that go to the hot part, in permille. */
  readonly hotAccessPermille: number;
  /** Mean guest time between touches of distinct 4 KiB pages. */
  readonly gapNs: number;
}

/** What a vCPU is doing, for pictures and metrics. */
export type VcpuActivity = 'guest' | 'exiting' | 'faulting' | 'spinning' | 'reloading' | 'paused';

/** The next step of a vCPU's state machine (its program counter). */
export type VcpuPc =
  | 'enter' // vcpu_enter_guest: requests, kvm_mmu_reload, then guest mode
  | 'run' // in guest: touching memory
  | 'exit-fault' // the touch that misses: EPT violation exit
  | 'fault' // tdp_page_fault up to the lock
  | 'fault-locked' // __direct_map under mmu_lock
  | 'free-roots' // mmu_free_roots (wants the lock)
  | 'free-roots-locked'
  | 'alloc-roots' // mmu_alloc_roots (wants the lock)
  | 'alloc-roots-locked'
  | 'sync-roots' // kvm_mmu_sync_roots at the end of kvm_mmu_load (wants the lock; empty for direct maps)
  | 'sync-roots-locked'
  | 'unlock' // spin_unlock, then continue at `afterUnlock`
  | 'parked'; // paused; no wake-up scheduled

export interface VcpuState {
  /** Its actor id, which is its index in `SimState.vcpus` (actors.ts `vcpuActor`). */
  readonly id: ActorId;
  /** `vcpu->arch.mmu.root_hpa` as a page id, or INVALID_PAGE. */
  root: PageId;
  /** `KVM_REQ_MMU_RELOAD`. */
  reqMmuReload: boolean;
  /** `KVM_REQ_TLB_FLUSH`. */
  reqTlbFlush: boolean;
  /** `vcpu->mode == IN_GUEST_MODE`. */
  inGuest: boolean;
  activity: VcpuActivity;
  pc: VcpuPc;
  afterUnlock: VcpuPc;
  paused: boolean;
  /** Invalidates a scheduled wake-up (a kicked vCPU's pending touch is void). */
  wakeToken: number;
  workload: Workload;
  /** The guest frame being faulted on. */
  faultGfn: number;
  /** sequential workload: next offset. */
  seqCursor: number;
  faults: number;
  lockWaitNs: number;
}

/** `mmu_lock`: a ticket spinlock in 3.11 (FIFO hand-off to waiters in arrival order). */
interface MmuLockState {
  holder: ActorId | null;
  heldSinceNs: number;
  /** Spinning actors, in ticket order, with the time each started spinning. */
  waiters: { actor: ActorId; sinceNs: number }[];
  /** When the actor the lock was last handed to began spinning (for its wait time). */
  handoffSinceNs: number;
}

/**
 * How "zap everything" is done: a row of the strategy table (strategy.ts), e.g. `zap-all` (the
 * pre-3.11 single-hold `kvm_mmu_zap_all`) or `fast-3.11` (the merged design).
 */
export type Strategy = StrategyName;

/** When `cond_resched_lock` yields: CONFIG_PREEMPT's `spin_needbreak`, or `need_resched` only. */
type LockBreakPolicy = 'contended' | 'resched-only';

/** A queued job for the ioctl thread that owns invalidations. */
type ZapJob =
  { readonly type: 'invalidate'; readonly cause: 'memslot-delete' | 'intervention' | 'mmio-gen-wrap' } | { readonly type: 'bump-only' };

/** The zapper's program counter. */
type ZapperPc =
  | 'idle'
  | 'lock' // wants mmu_lock to start the job
  | 'bump' // mmu_valid_gen++, kvm_reload_remote_mmus
  | 'walk' // kvm_zap_obsolete_pages / kvm_mmu_zap_all loop
  | 'relock' // after a lock break: spinning to re-acquire
  | 'break' // cond_resched_lock after a commit-at-break (5304b8d)
  | 'commit' // kvm_mmu_commit_zap_page
  | 'unlock';

interface ZapperState {
  pc: ZapperPc;
  queue: ZapJob[];
  job: ZapJob | null;
  /** Pages prepared since the last lock break (`batch` in kvm_zap_obsolete_pages). */
  batch: number;
  /** Pages prepared while some actor was spinning on the lock, since the last break. */
  zappedWhileWaiting: number;
  /** Unsync children in the last prepare (allowed beyond the batch). */
  lastUnsync: number;
  /** zap-all walks from the head; this is its cursor (the next page to look at). */
  cursor: PageId;
  startedNs: number;
  zappedThisJob: number;
  /** The local `invalid_list` of strategies without the persistent list. */
  invalidList: PageId[];
  wakeToken: number;
}

interface ShrinkerState {
  /** Pending `mmu_shrink` calls. */
  pending: number;
  pc: 'idle' | 'work' | 'unlock';
  wakeToken: number;
}

/** A scheduled wake-up: actor `actor` runs its next step at `tNs`. */
export interface Wakeup {
  readonly tNs: number;
  readonly seq: number;
  readonly actor: ActorId;
  readonly token: number;
}

interface MetricsState {
  /** Longest continuous hold of mmu_lock by the zapper (ns). */
  maxZapperHoldNs: number;
  lockBreaks: number;
  pagesZapped: number;
  /** Pages prepared per batch (between breaks), one entry per completed batch. */
  batchSizes: number[];
  shadowPagesPeak: number;
  /** (tNs, n_used_mmu_pages) samples, one per change. */
  nUsedSamples: [number, number][];
  /**
   * One per invalidation: its start; the event index at which the zapper took the lock and
   * bumped (pages created before it are the ones it invalidates); when the last of those was
   * freed (an in-use root can outlive the walk); when the zapper finished (-1 while pending).
   */
  invalidations: { startNs: number; bumpAt: number; lastFreeNs: number; doneNs: number }[];
  remoteFlushes: number;
}

/** The whole simulation state. */
export interface SimState {
  tNs: number;
  /** Number of events emitted so far (the next event's index). */
  eventCount: number;
  /** PRNG state (sfc32). */
  rng: [number, number, number, number];
  /** `kvm->arch.mmu_valid_gen`. */
  mmuValidGen: number;
  pages: Map<PageId, ShadowPage>;
  nextPageId: number;
  /** `active_mmu_pages` head (newest) and tail (oldest). */
  head: PageId;
  tail: PageId;
  /** `mmu_page_hash`: entries per bucket (1024 buckets). */
  hashCount: number[];
  /** Exact index for fast lookups: `${gfn}:${level}:${direct}` → pages (the model still charges the bucket walk). */
  index: Map<string, PageId[]>;
  nUsedMmuPages: number;
  nMaxMmuPages: number;
  /** `kvm->arch.zapped_obsolete_pages`, in list order (head first). */
  zappedObsolete: PageId[];
  lock: MmuLockState;
  vcpus: VcpuState[];
  zapper: ZapperState;
  shrinker: ShrinkerState;
  queue: Wakeup[];
  nextSeq: number;
  /** Pending scripted interventions, by time. */
  script: ScriptedIntervention[];
  metrics: MetricsState;
  /** Generation at which the last full invalidation completed (for the no-obsolete invariant). */
  lastInvalidationDoneGen: number;
}

export interface SimConfig {
  readonly seed: number;
  readonly strategy: Strategy;
  readonly lockBreak: LockBreakPolicy;
  /** resched-only policy: a reschedule is due every this many ns (0 = never). */
  readonly reschedEveryNs: number;
  readonly batchZapPages: number;
  readonly guestPages: number;
  readonly nMaxMmuPages: number;
  readonly costs: CostModel;
  readonly vcpus: readonly Workload[];
  /** Working sets are already mapped at t = 0 (the state after the guest touched its memory). */
  readonly prepopulate: boolean;
  readonly script: readonly ScriptedIntervention[];
  readonly durationNs: number;
}

/** Interventions: scriptable with a time, or applied at once through `Simulation.intervene`. */
export type Intervention =
  | { readonly type: 'memslot-delete' }
  | { readonly type: 'bump-generation' }
  | { readonly type: 'shrink'; readonly calls: number }
  | { readonly type: 'pause-vcpu'; readonly vcpu: number }
  | { readonly type: 'resume-vcpu'; readonly vcpu: number }
  | { readonly type: 'set-workload'; readonly vcpu: number; readonly workload: Workload };

export interface ScriptedIntervention {
  readonly atNs: number;
  readonly action: Intervention;
}
