/**
 * Strategies as data: each is the set of traits that distinguish one step of the 2013 series
 * from the next (KERNEL.md 2.3). Adding a later kernel means adding a row, not a rewrite.
 */
import type { Strategy } from './types.ts';

export interface StrategyTraits {
  /** `mmu_valid_gen++` and walk only obsolete pages from the tail (`kvm_zap_obsolete_pages`)... */
  readonly fast: boolean;
  /** ...or walk every page from the head in one hold (`kvm_mmu_zap_all`). */
  readonly lockBreaks: boolean;
  /** Pages that must be zapped before a break is considered (0 = any time; BATCH_ZAP_PAGES). */
  readonly batched: boolean;
  /** Commit (remote flush + free) the invalid list before every lock break. */
  readonly commitAtBreak: boolean;
  /** `kvm_reload_remote_mmus` under the lock right after the bump (f34d251d66ba). */
  readonly upfrontReload: boolean;
  /** Prepared pages go to `kvm->arch.zapped_obsolete_pages`, visible to the shrinker (365c886860c4). */
  readonly persistentList: boolean;
  /**
   * `kvm_mmu_prepare_zap_page` asks for a reload when it parks an in-use root that was not
   * invalid, even if obsolete (before f34d251d66ba added the `!is_obsolete_sp` test).
   */
  readonly reloadOnObsoleteRoot: boolean;
  readonly kernelFn: 'kvm_zap_obsolete_pages' | 'kvm_mmu_zap_all';
  readonly label: string;
  readonly description: string;
}

export const STRATEGIES: Readonly<Record<Strategy, StrategyTraits>> = {
  'zap-all': {
    fast: false,
    lockBreaks: false,
    batched: false,
    commitAtBreak: false,
    upfrontReload: false,
    persistentList: false,
    reloadOnObsoleteRoot: true,
    kernelFn: 'kvm_mmu_zap_all',
    label: 'zap-all (before 3.11)',
    description:
      'kvm_mmu_zap_all: one hold of mmu_lock, every page prepared from the head, one commit at the end.',
  },
  'fast-5304b8d': {
    fast: true,
    lockBreaks: true,
    batched: false,
    commitAtBreak: true,
    upfrontReload: false,
    persistentList: false,
    reloadOnObsoleteRoot: true,
    kernelFn: 'kvm_zap_obsolete_pages',
    label: 'fast, first patch (5304b8d)',
    description:
      'Generation bump; obsolete pages walked from the tail; break the lock whenever needed, committing (flush + free) at every break.',
  },
  'fast-batch': {
    fast: true,
    lockBreaks: true,
    batched: true,
    commitAtBreak: true,
    upfrontReload: false,
    persistentList: false,
    reloadOnObsoleteRoot: true,
    kernelFn: 'kvm_zap_obsolete_pages',
    label: 'fast + batching',
    description: 'As 5304b8d, but at least BATCH_ZAP_PAGES pages between lock breaks.',
  },
  'fast-collapsed': {
    fast: true,
    lockBreaks: true,
    batched: true,
    commitAtBreak: false,
    upfrontReload: true,
    persistentList: false,
    reloadOnObsoleteRoot: false,
    kernelFn: 'kvm_zap_obsolete_pages',
    label: 'fast + collapsed flushes (f34d251d)',
    description:
      'Reload requested under the lock right after the bump; no flush at breaks; one commit at the end.',
  },
  'fast-3.11': {
    fast: true,
    lockBreaks: true,
    batched: true,
    commitAtBreak: false,
    upfrontReload: true,
    persistentList: true,
    reloadOnObsoleteRoot: false,
    kernelFn: 'kvm_zap_obsolete_pages',
    label: 'fast invalidate (Linux 3.11)',
    description:
      'As collapsed flushes, with prepared pages on kvm->arch.zapped_obsolete_pages, which the shrinker frees first.',
  },
};

export const STRATEGY_NAMES = Object.keys(STRATEGIES) as Strategy[];
