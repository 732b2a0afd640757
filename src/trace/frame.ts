/**
 * What the UI draws at a cursor: a fold of the event log up to that cursor (trace/fold.ts),
 * computed in the worker and posted to the UI. Types only here (plus the state codes); shared by
 * worker, client, state, viz and ui.
 */
import type { SimEvent } from '../sim/events.ts';
import type { GenerationRule, ZapListName } from '../sim/strategy.ts';

/** A page's state, encoded in the UI by colour, pattern/border and text. */
export type PageState = 'valid' | 'obsolete' | 'invalid-root' | 'zapped' | 'freed';
/** Also the byte codes of `Frame.activeStates` (index in this array). */
export const PAGE_STATES: readonly PageState[] = ['valid', 'obsolete', 'invalid-root', 'zapped', 'freed'];

/** Frames whose page count (freed pages excluded) exceeds this carry no per-page objects. */
export const DETAIL_LIMIT = 2000;
/** Freed pages stay in the frame this many events after their `page.freed`, so they can fade. */
export const FREED_WINDOW = 40;

/** One shadow page (`struct kvm_mmu_page`) as drawn. */
export interface PageView {
  readonly id: number;
  readonly level: number;
  readonly gfn: number;
  /** `sp->mmu_valid_gen`. */
  readonly gen: number;
  /**
   * Bumps of `mmu_valid_gen` before the page was created: its generation's place in bump order
   * (a toggled generation's value returns to 0; this never goes back). Bands are ordered by it.
   */
  readonly epoch: number;
  readonly state: PageState;
  /** `role.invalid`. */
  readonly invalid: boolean;
  /** The page whose spte points at it (first parent pte), or null (a root, or orphaned). */
  readonly parent: number | null;
  /** spte index in the parent. */
  readonly index: number;
  /** Every page with an spte pointing at it (`parent_ptes`). */
  readonly parents: readonly number[];
  readonly rootCount: number;
  /** Present leaf sptes (level 1). */
  readonly leaves: number;
  /** Present non-leaf sptes (children linked). */
  readonly children: number;
  readonly unsync: boolean;
  readonly createdAt: number;
  /** Event index of its last state change (for tweening); a bump counts for the pages it obsoletes. */
  readonly changedAt: number;
  /** Event index at which it was freed (freed pages stay FREED_WINDOW events to fade out). */
  readonly freedAt: number | null;
}

export type VcpuActivityView = 'guest' | 'exiting' | 'faulting' | 'spinning' | 'reloading' | 'paused';

export interface VcpuView {
  readonly id: number;
  readonly activity: VcpuActivityView;
  /** Root page id, or null (INVALID_PAGE). */
  readonly root: number | null;
  readonly inGuest: boolean;
  readonly paused: boolean;
  /** KVM_REQ_MMU_RELOAD pending. */
  readonly reqReload: boolean;
  readonly reqTlbFlush: boolean;
  readonly faults: number;
  /** The guest frame of the fault in progress (from fault.started until the lock is released). */
  readonly faultGfn: number | null;
}

export interface LockView {
  /** `vcpu3`, `zapper`, `shrinker`, or null. */
  readonly holder: string | null;
  /** When the holder acquired it (or was handed it). */
  readonly heldSinceNs: number;
  /** Spinning actors in ticket order. */
  readonly waiters: readonly string[];
}

export interface ZapperView {
  /** Running a job: an invalidation (started, not done) or a bare generation bump. */
  readonly active: boolean;
  /** Pages prepared since the last lock break. */
  readonly batch: number;
  /** Last page prepared by the zapper (the walk's cursor). */
  readonly cursor: number | null;
  /** Lock breaks in the current/last invalidation, as event indices. */
  readonly breaks: readonly number[];
  /**
   * Batches of the current/last invalidation: page ids the zapper moved to its zap list between
   * breaks (the last one is in progress). Null beyond the detail limit.
   */
  readonly batches: readonly (readonly number[])[] | null;
  /** Sizes of those batches (always present). */
  readonly batchSizes: readonly number[];
}

/**
 * The running strategy's kernel names (its row of src/sim/strategy.ts, names.ts): what labels,
 * meters and narration say, so no view writes 3.11's names into a run of another kernel.
 */
export interface StrategyNames {
  /** The strategy's table key (`fast-3.11`, `zap-all`, ...). */
  readonly strategy: string;
  readonly label: string;
  /** What memslot deletion calls: `kvm_mmu_invalidate_zap_all_pages`, `kvm_mmu_zap_all`. */
  readonly entryFn: string;
  /** The walk: `kvm_zap_obsolete_pages` from the tail, `kvm_mmu_zap_all` from the head. */
  readonly walkFn: string;
  readonly walkList: string;
  readonly walkFrom: 'tail' | 'head';
  /** Where prepared pages wait for the commit. */
  readonly zapList: ZapListName;
  /** The walk holds at least this many pages between lock breaks (BATCH_ZAP_PAGES); null: no minimum, or no breaks. */
  readonly batchLimit: number | null;
  /** The call that yields `mmu_lock` in the walk; null: one hold for the whole walk (no batches). */
  readonly lockBreakFn: string | null;
  /** How a bump moves `mmu_valid_gen`, and the function that bumps it. */
  readonly genRule: GenerationRule;
  readonly bumpFn: string;
  /** A link to the modelled kernel's source. */
  readonly source: string;
}

/** Pages per (level, state), for the aggregated view of large runs. */
export interface AggregateCell {
  readonly level: number;
  readonly state: PageState;
  readonly count: number;
}

/** Everything drawn at one cursor. */
export interface Frame {
  /** Events applied: the picture after events [0, cursor). */
  readonly cursor: number;
  readonly tNs: number;
  /** `kvm->arch.mmu_valid_gen`. */
  readonly globalGen: number;
  /** Bumps so far: the current generation's place in bump order (see PageView.epoch). */
  readonly epoch: number;
  /** The running strategy's names. */
  readonly names: StrategyNames;
  /** True when `pages` and `activeList` are present (page count within DETAIL_LIMIT, detail asked). */
  readonly detail: boolean;
  /** Pages drawn (live, zapped and fading freed ones). */
  readonly pageCount: number;
  /** Pages in detail, or null when there are more than the detail limit. */
  readonly pages: readonly PageView[] | null;
  /** Always present: every (level 1–4, state) cell, zero counts included. */
  readonly aggregate: readonly AggregateCell[];
  /** `active_mmu_pages` from tail (oldest) to head (newest), as page ids (null beyond the detail limit). */
  readonly activeList: readonly number[] | null;
  /**
   * Aggregated frames only: `active_mmu_pages` from tail to head as state codes (index into
   * PAGE_STATES), one byte per page; posted as a transferable buffer. Null in detail frames.
   */
  readonly activeStates: Uint8Array | null;
  /** Pages waiting on zapped_obsolete_pages / an invalid list for the commit. */
  readonly zappedCount: number;
  /** `n_used_mmu_pages`. */
  readonly nUsed: number;
  readonly vcpus: readonly VcpuView[];
  readonly lock: LockView;
  readonly zapper: ZapperView;
  /** The event at cursor - 1 (the one just applied), if any. */
  readonly last: SimEvent | null;
}
