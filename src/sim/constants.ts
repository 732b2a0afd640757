/**
 * Kernel constants (Linux 3.11, arch/x86/kvm/mmu.c and asm/kvm_host.h) and the one cost model.
 * Every simulated duration in the core comes from COSTS; nothing else invents a number.
 */

/** `BATCH_ZAP_PAGES`: pages zapped before `kvm_zap_obsolete_pages` may break `mmu_lock`. */
export const BATCH_ZAP_PAGES = 10;
/** `KVM_MIN_FREE_MMU_PAGES`: `make_mmu_pages_available` recycles when fewer are free. */
export const KVM_MIN_FREE_MMU_PAGES = 5;
/** `KVM_REFILL_PAGES`: recycling goes on until this many are free. */
export const KVM_REFILL_PAGES = 25;
/** `KVM_PERMILLE_MMU_PAGES`: the default limit is 2% of guest pages... */
const KVM_PERMILLE_MMU_PAGES = 20;
/** ...but at least `KVM_MIN_ALLOC_MMU_PAGES`. */
const KVM_MIN_ALLOC_MMU_PAGES = 64;
/** `KVM_MMU_HASH_SHIFT` 10: `mmu_page_hash` has 1024 buckets, keyed by gfn. */
export const KVM_MMU_HASH_BUCKETS = 1024;
/** `PT64_ENT_PER_PAGE`: sptes per shadow page. */
export const SPTES_PER_PAGE = 512;
/** `PT64_ROOT_LEVEL`: 4-level EPT / long-mode paging. */
export const ROOT_LEVEL = 4;
/** 4 KiB guest pages per GiB. */
export const PAGES_PER_GIB = 262144;

/**
 * `kvm_mmu_calculate_mmu_pages`: 2% of guest pages, at least 64. 3.11 computed this in 32 bits
 * (`nr_pages * KVM_PERMILLE_MMU_PAGES`), which wraps for guests of 1 TiB and more; we model that.
 */
export function defaultMaxMmuPages(guestPages: number): number {
  const product = (guestPages * KVM_PERMILLE_MMU_PAGES) >>> 0; // unsigned int multiply, wraps
  return Math.max(Math.floor(product / 1000), KVM_MIN_ALLOC_MMU_PAGES);
}

/**
 * The cost model, in simulated nanoseconds. Values are order-of-magnitude figures for a 2013-era
 * x86 host (Sandy Bridge / Haswell), chosen so that a full-hold zap of a fully mapped 2 GiB guest
 * takes a few tens of milliseconds, the order of the 46 ms "before" figure of the March 2013 cover
 * letter (6 vCPUs, 2 GiB, memslot delete + add; KERNEL.md section 6). They are not measurements of
 * one machine; what the simulator claims is the *shape* (flat vs linear hold times), which does not
 * depend on them. Change them here and only here.
 */
export interface CostModel {
  /** Examining one of the 512 spte slots in `kvm_mmu_page_unlink_children` (a load + test). */
  readonly spteScanNs: number;
  /** Clearing one present leaf spte: `mmu_page_zap_pte` → `drop_spte` → `rmap_remove`. */
  readonly leafSpteDropNs: number;
  /** Clearing one non-leaf spte: `drop_parent_pte` (pte_list_remove on the child). */
  readonly nonLeafSpteDropNs: number;
  /** Fixed part of `kvm_mmu_prepare_zap_page` (tracepoint, list_move, accounting). */
  readonly preparePageNs: number;
  /** Freeing one page in `kvm_mmu_commit_zap_page` → `kvm_mmu_free_page` (hash + list del, free_page). */
  readonly pageFreeNs: number;
  /** `kvm_flush_remote_tlbs`: IPI every vCPU and wait for the acknowledgements. */
  readonly remoteTlbFlushNs: number;
  /** `kvm_reload_remote_mmus`: `make_all_cpus_request` with an IPI and wait. */
  readonly reloadIpiNs: number;
  /** Ticket-lock hand-off: the lock's cache line moving to the next waiter's CPU. */
  readonly lockHandoffNs: number;
  /** The `mmu_valid_gen++` and tracepoint in `kvm_mmu_invalidate_zap_all_pages`. */
  readonly genBumpNs: number;
  /** An EPT-violation exit and the re-entry, outside `mmu_lock`. */
  readonly vmExitNs: number;
  /** `tdp_page_fault` before the lock: memory caches, `try_async_pf` / gfn_to_pfn. */
  readonly faultPrepNs: number;
  /** `tdp_page_fault` under the lock: `__direct_map` walk, `mmu_set_spte`, `rmap_add`. */
  readonly faultLockedNs: number;
  /** A `kvm_mmu_get_page` miss: `kvm_mmu_alloc_page`, hash insert, clearing the 4 KiB table. */
  readonly pageAllocNs: number;
  /** `mmu_free_roots` under the lock. */
  readonly freeRootsNs: number;
  /** `mmu_alloc_roots` under the lock (excluding a page allocation). */
  readonly allocRootsNs: number;
  /** The local TLB flush at the end of `kvm_mmu_load`. */
  readonly localTlbFlushNs: number;
  /** The shrinker's fixed cost per `mmu_shrink` call (srcu, accounting). */
  readonly shrinkCallNs: number;
  /** One entry of a `mmu_page_hash` bucket walked by `kvm_mmu_get_page` (`for_each_gfn_sp`). */
  readonly hashProbeNs: number;
}

export const DEFAULT_COSTS: CostModel = {
  spteScanNs: 2,
  leafSpteDropNs: 60,
  nonLeafSpteDropNs: 40,
  preparePageNs: 200,
  pageFreeNs: 250,
  remoteTlbFlushNs: 4000,
  reloadIpiNs: 2000,
  lockHandoffNs: 150,
  genBumpNs: 50,
  vmExitNs: 1200,
  faultPrepNs: 1500,
  faultLockedNs: 400,
  pageAllocNs: 500,
  freeRootsNs: 200,
  allocRootsNs: 300,
  localTlbFlushNs: 500,
  shrinkCallNs: 500,
  hashProbeNs: 3,
};
