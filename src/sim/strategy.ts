/**
 * Strategies as data: one row per kernel version (or step of the 2013 series, KERNEL.md 2.3),
 * naming its functions and lists and stating its rules. The zapper, the invariants, the fold, the
 * narration, the editor, the CLI and the tests read this table; adding a version whose rules the
 * simulator already has is one new row here (see docs/MODEL.md §13 for how later kernels map).
 */
import type { KernelFn } from './events.ts';

/**
 * How a bump moves `mmu_valid_gen`. `increment`: 3.11's `kvm->arch.mmu_valid_gen++` (an unsigned
 * long, never wraps in practice). `toggle`: 5.3+'s `mmu_valid_gen = mmu_valid_gen ? 0 : 1`
 * (ca333add6933), so a later generation can have a smaller value: "newer" is bump order, never
 * the numeric value, and "obsolete" is only ever `sp->mmu_valid_gen != mmu_valid_gen`.
 */
export type GenerationRule = 'increment' | 'toggle';

/** The generation after a bump under `rule`. */
export function nextGen(rule: GenerationRule, gen: number): number {
  return rule === 'toggle' ? (gen === 0 ? 1 : 0) : gen + 1;
}

/** Where prepared pages wait for the commit: `kvm->arch.zapped_obsolete_pages` or a caller's local list. */
export type ZapListName = 'zapped_obsolete_pages' | 'invalid_list';

export interface StrategyTraits {
  /** One line for menus. */
  readonly label: string;
  readonly description: string;
  /**
   * The kernel this row models: a release tag, and the commit that made this step (null when the
   * row is the release as a whole, or the commit was not recorded). Used for links to source.
   */
  readonly kernel: { readonly release: string; readonly commit: string | null };
  /** What memslot deletion calls (`kvm_arch_flush_shadow_memslot` → ...): `invalidation.*` events' `fn`. */
  readonly entryFn: KernelFn;
  readonly generation: {
    /** The entry bumps the generation under the lock, then walks only obsolete pages. */
    readonly bumpOnInvalidate: boolean;
    readonly rule: GenerationRule;
    /** The function that bumps (`gen.bumped`'s `fn`; also the bump-generation intervention's). */
    readonly fn: KernelFn;
  };
  readonly walk: {
    /** The walk's function (`zap.walk.done`'s `fn`). */
    readonly fn: KernelFn;
    /** The list it walks. */
    readonly list: 'active_mmu_pages';
    /**
     * `tail`: `list_for_each_entry_safe_reverse` from the oldest page; stop at the first page that
     * is not obsolete, skip invalid ones, restart from the tail after every prepare and break.
     * `head`: `list_for_each_entry_safe` over every page; restart from the head after a prepare
     * that moved a page, go on past a parked root.
     */
    readonly from: 'tail' | 'head';
  };
  /** Where the walk's prepared pages wait (365c886860c4 made it `zapped_obsolete_pages`, visible to the shrinker). */
  readonly prepareInto: ZapListName;
  readonly lock: {
    /** The call that may yield `mmu_lock` inside the walk; null: one hold for the whole walk. */
    readonly breakFn: 'cond_resched_lock' | null;
    /** At least `BATCH_ZAP_PAGES` (the scenario's `batchZapPages`) pages between breaks. */
    readonly batched: boolean;
    /** Commit (remote flush + free) the zap list before every break (5304b8d). */
    readonly commitAtBreak: boolean;
  };
  readonly reload: {
    /** `kvm_reload_remote_mmus` under the lock right after the bump (f34d251d66ba). */
    readonly afterBump: boolean;
    /**
     * `kvm_mmu_prepare_zap_page` asks for a reload when it parks an in-use root that was not
     * invalid, even if obsolete (before f34d251d66ba added the `!is_obsolete_sp` test).
     */
    readonly onObsoleteRoot: boolean;
  };
}

const TABLE = {
  'zap-all': {
    label: 'zap-all (before 3.11)',
    description: 'kvm_mmu_zap_all: one hold of mmu_lock, every page prepared from the head, one commit at the end.',
    kernel: { release: 'v3.10', commit: null },
    entryFn: 'kvm_mmu_zap_all',
    // No generation before 3.11; a bump-generation intervention still uses the 3.11 rule and name.
    generation: { bumpOnInvalidate: false, rule: 'increment', fn: 'kvm_mmu_invalidate_zap_all_pages' },
    walk: { fn: 'kvm_mmu_zap_all', list: 'active_mmu_pages', from: 'head' },
    prepareInto: 'invalid_list',
    lock: { breakFn: null, batched: false, commitAtBreak: false },
    reload: { afterBump: false, onObsoleteRoot: true },
  },
  'fast-5304b8d': {
    label: 'fast, first patch (5304b8d)',
    description:
      'Generation bump; obsolete pages walked from the tail; break the lock whenever needed, committing (flush + free) at every break.',
    kernel: { release: 'v3.11', commit: '5304b8d37c2a' },
    entryFn: 'kvm_mmu_invalidate_zap_all_pages',
    generation: { bumpOnInvalidate: true, rule: 'increment', fn: 'kvm_mmu_invalidate_zap_all_pages' },
    walk: { fn: 'kvm_zap_obsolete_pages', list: 'active_mmu_pages', from: 'tail' },
    prepareInto: 'invalid_list',
    lock: { breakFn: 'cond_resched_lock', batched: false, commitAtBreak: true },
    reload: { afterBump: false, onObsoleteRoot: true },
  },
  'fast-batch': {
    label: 'fast + batching',
    description: 'As 5304b8d, but at least BATCH_ZAP_PAGES pages between lock breaks ("zap pages in batch").',
    kernel: { release: 'v3.11', commit: null },
    entryFn: 'kvm_mmu_invalidate_zap_all_pages',
    generation: { bumpOnInvalidate: true, rule: 'increment', fn: 'kvm_mmu_invalidate_zap_all_pages' },
    walk: { fn: 'kvm_zap_obsolete_pages', list: 'active_mmu_pages', from: 'tail' },
    prepareInto: 'invalid_list',
    lock: { breakFn: 'cond_resched_lock', batched: true, commitAtBreak: true },
    reload: { afterBump: false, onObsoleteRoot: true },
  },
  'fast-collapsed': {
    label: 'fast + collapsed flushes (f34d251d)',
    description: 'Reload requested under the lock right after the bump; no flush at breaks; one commit at the end.',
    kernel: { release: 'v3.11', commit: 'f34d251d66ba' },
    entryFn: 'kvm_mmu_invalidate_zap_all_pages',
    generation: { bumpOnInvalidate: true, rule: 'increment', fn: 'kvm_mmu_invalidate_zap_all_pages' },
    walk: { fn: 'kvm_zap_obsolete_pages', list: 'active_mmu_pages', from: 'tail' },
    prepareInto: 'invalid_list',
    lock: { breakFn: 'cond_resched_lock', batched: true, commitAtBreak: false },
    reload: { afterBump: true, onObsoleteRoot: false },
  },
  'fast-3.11': {
    label: 'fast invalidate (Linux 3.11)',
    description: 'As collapsed flushes, with prepared pages on kvm->arch.zapped_obsolete_pages, which the shrinker frees first.',
    kernel: { release: 'v3.11', commit: '365c886860c4' },
    entryFn: 'kvm_mmu_invalidate_zap_all_pages',
    generation: { bumpOnInvalidate: true, rule: 'increment', fn: 'kvm_mmu_invalidate_zap_all_pages' },
    walk: { fn: 'kvm_zap_obsolete_pages', list: 'active_mmu_pages', from: 'tail' },
    prepareInto: 'zapped_obsolete_pages',
    lock: { breakFn: 'cond_resched_lock', batched: true, commitAtBreak: false },
    reload: { afterBump: true, onObsoleteRoot: false },
  },
} as const satisfies Record<string, StrategyTraits>;

/** A strategy's name: a key of the table (`SimConfig.strategy`, `scenario.strategy.name`). */
export type StrategyName = keyof typeof TABLE;

export const STRATEGIES: Readonly<Record<StrategyName, StrategyTraits>> = TABLE;

/** Every strategy, in table order (oldest first). */
export const STRATEGY_NAMES = Object.keys(TABLE) as StrategyName[];

/** A link to the modelled kernel's source of `file`: the commit's tree, or the release's. */
export function kernelSourceUrl(t: StrategyTraits, file = 'arch/x86/kvm/mmu.c'): string {
  return t.kernel.commit !== null
    ? `https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/${file}?id=${t.kernel.commit}`
    : `https://elixir.bootlin.com/linux/${t.kernel.release}/source/${file}`;
}
