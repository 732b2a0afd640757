/**
 * The event log: a discriminated union on `type`. Every picture the UI draws is a fold over these
 * events, so each carries what a picture needs. Documented field by field in docs/TRACE.md.
 */
import type { ZapListName } from './strategy.ts';
import type { PageId, Strategy, Workload } from './types.ts';

/** Who did it: `vcpu<n>`, the zapper (the ioctl thread), the shrinker, or the setup. */
export type ActorName = `vcpu${number}` | 'zapper' | 'shrinker' | 'setup';

/** Kernel functions named by events (Linux 3.11 names). */
export type KernelFn =
  | 'kvm_mmu_get_page'
  | 'tdp_page_fault'
  | '__direct_map'
  | 'make_mmu_pages_available'
  | 'mmu_alloc_roots'
  | 'mmu_free_roots'
  | 'kvm_mmu_unload'
  | 'vcpu_enter_guest'
  | 'kvm_reload_remote_mmus'
  | 'kvm_mmu_invalidate_zap_all_pages'
  | 'kvm_zap_obsolete_pages'
  | 'kvm_mmu_zap_all'
  | 'kvm_mmu_prepare_zap_page'
  | 'kvm_mmu_commit_zap_page'
  | 'kvm_flush_remote_tlbs'
  | 'kvm_mmu_free_page'
  | 'cond_resched_lock'
  | 'spin_lock'
  | 'spin_unlock'
  | 'mmu_shrink'
  | 'kvm_arch_flush_shadow_memslot'
  | 'kvm_vcpu_block';

interface Base<T extends string> {
  readonly type: T;
  /** Index in the log (0-based). */
  readonly i: number;
  /** Simulated time, integer nanoseconds. */
  readonly tNs: number;
  readonly actor: ActorName;
  readonly fn: KernelFn;
}

export type SimEvent =
  | (Base<'page.created'> & {
      readonly page: PageId;
      readonly gfn: number;
      readonly level: number;
      readonly direct: boolean;
      readonly gen: number;
      /** The page whose spte now points at it, with the spte index; null for a root. */
      readonly parent: PageId | null;
      readonly index: number;
      /** Present leaf sptes at creation (a pre-populated level-1 page is full). */
      readonly leaves: number;
      /** Entries walked in the hash bucket by the failed lookup. */
      readonly hashProbes: number;
    })
  | (Base<'page.linked'> & { readonly page: PageId; readonly parent: PageId; readonly index: number })
  | (Base<'gen.bumped'> & { readonly oldGen: number; readonly newGen: number; readonly nUsed: number })
  | (Base<'reload.requested'> & {
      /** Every vCPU got KVM_REQ_MMU_RELOAD. */
      readonly vcpus: readonly number[];
      /** Those in guest mode, IPI'd out of it (the call waits for their acknowledgement). */
      readonly kicked: readonly number[];
      /** The in-use root whose zap caused it, if any (kvm_mmu_prepare_zap_page). */
      readonly page: PageId | null;
    })
  | (Base<'reload.serviced'> & { readonly vcpu: number })
  | (Base<'root.dropped'> & { readonly vcpu: number; readonly page: PageId; readonly rootCount: number })
  | (Base<'root.loaded'> & { readonly vcpu: number; readonly page: PageId; readonly rootCount: number; readonly created: boolean })
  | (Base<'lock.contended'> & { readonly position: number; readonly holder: ActorName | null })
  | (Base<'lock.acquired'> & { readonly waitedNs: number })
  | (Base<'lock.released'> & { readonly heldNs: number })
  | (Base<'lock.broken'> & { readonly batch: number; readonly waiters: number; readonly reason: 'spin_needbreak' | 'need_resched' })
  | (Base<'invalidation.started'> & { readonly strategy: Strategy; readonly cause: string; readonly nUsed: number })
  | (Base<'invalidation.done'> & {
      readonly strategy: Strategy;
      readonly pagesZapped: number;
      readonly durationNs: number;
      readonly gen: number;
    })
  | (Base<'zap.walk.done'> & { readonly reason: 'reached-valid' | 'list-end'; readonly stoppedAt: PageId | null })
  | (Base<'page.prepared'> & {
      readonly page: PageId;
      readonly level: number;
      readonly gen: number;
      /** Where it went: the invalid list (the zapper's is zapped_obsolete_pages) or parked at the head. */
      readonly to: ZapListName | 'head';
      readonly leafSptes: number;
      /** Children whose parent spte was cleared (they stay on the active list). */
      readonly unlinkedChildren: readonly PageId[];
      readonly unlinkedParents: readonly PageId[];
      /** Unsync children prepared with it. */
      readonly unsyncZapped: readonly PageId[];
      /** The zapper's batch count after this page (0 for other actors). */
      readonly batch: number;
      /** Cost of this prepare in ns. */
      readonly costNs: number;
    })
  | (Base<'root.parked'> & { readonly page: PageId; readonly rootCount: number; readonly reloadRequested: boolean })
  | (Base<'tlb.flushed'> & { readonly scope: 'remote' | 'local'; readonly vcpu: number | null; readonly pages: number })
  | (Base<'page.freed'> & { readonly page: PageId; readonly level: number; readonly gen: number; readonly nUsed: number })
  | (Base<'fault.started'> & { readonly vcpu: number; readonly gfn: number })
  | (Base<'fault.done'> & {
      readonly vcpu: number;
      readonly gfn: number;
      readonly root: PageId;
      /** Pages created on the way down. */
      readonly created: number;
      /** The root was obsolete or invalid (3.11 had no stale-root check: the fault builds under it). */
      readonly rootObsolete: boolean;
      /** The level-1 page that holds the leaf, the leaf's index, and that page's present leaves after. */
      readonly leafPage: PageId;
      readonly leafIndex: number;
      readonly leaves: number;
    })
  | (Base<'vcpu.entered'> & { readonly vcpu: number; readonly root: PageId })
  | (Base<'vcpu.exited'> & { readonly vcpu: number; readonly reason: 'ept-violation' | 'ipi' | 'pause' })
  | (Base<'vcpu.paused'> & { readonly vcpu: number })
  | (Base<'vcpu.resumed'> & { readonly vcpu: number })
  | (Base<'workload.changed'> & { readonly vcpu: number; readonly workload: Workload })
  | (Base<'shrink.done'> & { readonly freed: number; readonly fromZappedObsolete: boolean });

export type SimEventType = SimEvent['type'];

/** An event before the log stamps its index, time and actor. */
export type EventBody = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'i' | 'tNs' | 'actor'> : never) : never;

/** Event types that the time controls treat as landmarks. */
export const LANDMARK_TYPES: ReadonlySet<SimEventType> = new Set<SimEventType>([
  'gen.bumped',
  'lock.broken',
  'reload.serviced',
  'invalidation.started',
  'invalidation.done',
  'root.parked',
  'shrink.done',
]);
