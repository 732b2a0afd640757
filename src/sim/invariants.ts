/**
 * Named invariants, checked after every step (a step is one atomic action of one actor and emits
 * its events together; docs/MODEL.md says why not between two events of one step). Some are
 * checked against the state, some against the events of the step, some against a shadow copy
 * kept from the events alone, so a bug in the model cannot hide itself.
 *
 * Structural checks that need a walk of every page run in two parts: after every step, on the
 * pages the step's events touched (and their list neighbours); and a full walk every
 * max(1, pages/64) steps and on `finish()`, so a 33k-page run is checked at bounded cost.
 */
import type { SimEvent } from './events.ts';
import { STRATEGIES } from './strategy.ts';
import { hashBucket, indexKey } from './pages.ts';
import type { SimConfig, SimState } from './types.ts';
import { INVALID_PAGE, NO_PAGE } from './types.ts';

export const INVARIANTS = {
  'guest-root-valid': 'a vCPU in guest mode never translates through an obsolete or invalid root',
  'get-page-not-obsolete': 'kvm_mmu_get_page never returns an obsolete page',
  'no-free-in-use-root': 'no page with root_count > 0 is freed',
  'active-list-order': 'active_mmu_pages is ordered by creation, apart from parked invalid roots',
  'hash-and-lists-agree': 'the page hash, active_mmu_pages and the zapped lists agree',
  'n-used-count': 'n_used_mmu_pages equals the pages on active_mmu_pages',
  'no-obsolete-after-invalidation':
    'once an invalidation has finished and every vCPU has serviced its reload, no page it invalidated remains',
  'batch-bound': `while a vCPU waits, the zapper zaps at most BATCH_ZAP_PAGES pages (plus the last one's unsync children) before breaking`,
} as const;

export type InvariantName = keyof typeof INVARIANTS;

export interface Violation {
  readonly invariant: InvariantName;
  readonly description: string;
  readonly detail: string;
  /** Index of the last event of the step after which it was found. */
  readonly eventIndex: number;
}

export class InvariantChecker {
  private readonly cfg: SimConfig;
  private stepEvents: SimEvent[] = [];
  private stepsSinceFull = 0;
  private settledChecked = -1;
  /** root_count per page, rebuilt from root.loaded / root.dropped events only. */
  private readonly rootCounts = new Map<number, number>();

  constructor(cfg: SimConfig) {
    this.cfg = cfg;
  }

  /** Feed every event as it is emitted. */
  onEvent(e: SimEvent): void {
    this.stepEvents.push(e);
    if (e.type === 'root.loaded' || e.type === 'root.dropped') this.rootCounts.set(e.page, e.rootCount);
  }

  /** Check everything after a step; returns the first violation found, or null. */
  afterStep(s: Readonly<SimState>): Violation | null {
    const events = this.stepEvents;
    this.stepEvents = [];
    const at = s.eventCount - 1;
    const v = (invariant: InvariantName, detail: string): Violation => ({
      invariant,
      description: INVARIANTS[invariant],
      detail,
      eventIndex: at,
    });

    for (const e of events) {
      if (e.type === 'page.freed' && (this.rootCounts.get(e.page) ?? 0) > 0) {
        return v('no-free-in-use-root', `page ${e.page} freed with root_count ${this.rootCounts.get(e.page)}`);
      }
      if ((e.type === 'page.linked' || (e.type === 'root.loaded' && !e.created && e.actor !== 'setup')) && s.pages.has(e.page)) {
        const sp = s.pages.get(e.page)!;
        if (sp.gen !== s.mmuValidGen)
          return v('get-page-not-obsolete', `${e.type} returned page ${e.page} of gen ${sp.gen}, global ${s.mmuValidGen}`);
      }
    }

    // Before f34d251d66ba (no reload right after the bump) vCPUs kept running on their obsolete
    // root until the walk zapped it: obsolete but not invalid was legal there (docs/MODEL.md).
    const obsoleteRootIllegal = STRATEGIES[this.cfg.strategy].reload.afterBump;
    for (const vc of s.vcpus) {
      if (!vc.inGuest) continue;
      const root = s.pages.get(vc.root);
      if (vc.root === INVALID_PAGE || !root) return v('guest-root-valid', `vcpu${vc.id} in guest mode with no root`);
      if (root.role.invalid || (obsoleteRootIllegal && root.gen !== s.mmuValidGen)) {
        return v(
          'guest-root-valid',
          `vcpu${vc.id} in guest mode on root ${root.id} (gen ${root.gen}, invalid ${root.role.invalid}), global gen ${s.mmuValidGen}`,
        );
      }
    }

    const zappedCount = s.zappedObsolete.length + s.zapper.invalidList.length;
    if (s.nUsedMmuPages !== s.pages.size - zappedCount) {
      return v('n-used-count', `n_used_mmu_pages ${s.nUsedMmuPages}, pages not on a zapped list ${s.pages.size - zappedCount}`);
    }
    const localErr = this.checkTouched(s, events);
    if (localErr) return v(localErr[0], localErr[1]);
    this.stepsSinceFull++;
    if (this.stepsSinceFull >= Math.max(1, s.pages.size >> 6)) {
      this.stepsSinceFull = 0;
      const listErr = this.checkLists(s);
      if (listErr) return v(listErr[0], listErr[1]);
    }

    // batch-bound: only where spinners make the walk break (CONFIG_PREEMPT) and it breaks at all.
    const traits = STRATEGIES[this.cfg.strategy];
    if (traits.lock.breakFn !== null && this.cfg.lockBreak === 'contended') {
      const limit = (traits.lock.batched ? this.cfg.batchZapPages : 0) + s.zapper.lastUnsync;
      if (s.zapper.zappedWhileWaiting > limit) {
        return v('batch-bound', `zapper prepared ${s.zapper.zappedWhileWaiting} pages while a waiter spun (limit ${limit})`);
      }
    }

    const invIdx = s.metrics.invalidations.length - 1;
    const inv = s.metrics.invalidations[invIdx];
    if (inv && invIdx !== this.settledChecked && inv.doneNs >= 0 && s.zapper.job === null && s.zapper.queue.length === 0) {
      const settled = s.vcpus.every(
        (vc) => !vc.reqMmuReload && (vc.root === INVALID_PAGE || (s.pages.get(vc.root)?.createdAt ?? 0) >= inv.bumpAt),
      );
      if (settled) {
        this.settledChecked = invIdx;
        for (const sp of s.pages.values()) {
          if (sp.createdAt < inv.bumpAt) {
            return v(
              'no-obsolete-after-invalidation',
              `page ${sp.id} (gen ${sp.gen}, root_count ${sp.rootCount}) survives the invalidation`,
            );
          }
        }
      }
    }
    return null;
  }

  /** The full structural walk; call at the end of a run. */
  finish(s: Readonly<SimState>): Violation | null {
    const err = this.checkLists(s);
    return err ? { invariant: err[0], description: INVARIANTS[err[0]], detail: err[1], eventIndex: s.eventCount - 1 } : null;
  }

  /** The pages a step's events name, checked against their list neighbours and the hash. */
  private checkTouched(s: Readonly<SimState>, events: readonly SimEvent[]): [InvariantName, string] | null {
    const freed = new Set<number>();
    for (const e of events) if (e.type === 'page.freed') freed.add(e.page);
    for (const e of events) {
      if (!('page' in e) || typeof e.page !== 'number') continue;
      const sp = s.pages.get(e.page);
      if (!sp) {
        if (!freed.has(e.page)) return ['hash-and-lists-agree', `${e.type} names page ${e.page}, which does not exist`];
        continue;
      }
      if (freed.has(e.page)) return ['hash-and-lists-agree', `page ${e.page} was freed but still exists`];
      if (!s.index.get(indexKey(sp.gfn, sp.role.level, sp.role.direct))?.includes(sp.id))
        return ['hash-and-lists-agree', `page ${sp.id} is not in the hash`];
      if (sp.list !== 'active') continue;
      const older = sp.older === NO_PAGE ? null : s.pages.get(sp.older);
      const newer = sp.newer === NO_PAGE ? null : s.pages.get(sp.newer);
      if (sp.older === NO_PAGE ? s.tail !== sp.id : older?.newer !== sp.id)
        return ['hash-and-lists-agree', `page ${sp.id}: broken link toward the tail`];
      if (sp.newer === NO_PAGE ? s.head !== sp.id : newer?.older !== sp.id)
        return ['hash-and-lists-agree', `page ${sp.id}: broken link toward the head`];
      const parked = (p: typeof sp | null | undefined): boolean => !!p && p.role.invalid && p.rootCount > 0;
      if (!parked(sp) && older && !parked(older) && older.id > sp.id)
        return ['active-list-order', `page ${sp.id} is newer on the list than page ${older.id}`];
      if (!parked(sp) && newer && !parked(newer) && newer.id < sp.id)
        return ['active-list-order', `page ${newer.id} is newer on the list than page ${sp.id}`];
    }
    return null;
  }

  private checkLists(s: Readonly<SimState>): [InvariantName, string] | null {
    let onActive = 0;
    let prevId = -1;
    let newer = -1;
    const seen = new Set<number>();
    for (let id = s.tail; id !== NO_PAGE;) {
      const sp = s.pages.get(id);
      if (!sp) return ['hash-and-lists-agree', `active list holds missing page ${id}`];
      if (seen.has(id)) return ['hash-and-lists-agree', `active list loops at page ${id}`];
      seen.add(id);
      if (sp.list !== 'active') return ['hash-and-lists-agree', `page ${id} on the active list says it is on ${sp.list}`];
      if (sp.older !== newer) return ['hash-and-lists-agree', `page ${id}: older link ${sp.older}, expected ${newer}`];
      const parked = sp.role.invalid && sp.rootCount > 0;
      if (!parked) {
        if (sp.id <= prevId) return ['active-list-order', `page ${sp.id} is newer on the list than page ${prevId} but older by creation`];
        prevId = sp.id;
      }
      onActive++;
      newer = id;
      id = sp.newer;
    }
    if (newer !== s.head) return ['hash-and-lists-agree', `walk from the tail ends at ${newer}, head is ${s.head}`];
    if (onActive !== s.nUsedMmuPages) return ['n-used-count', `n_used_mmu_pages ${s.nUsedMmuPages}, pages on the active list ${onActive}`];
    const lists = [...s.zappedObsolete, ...s.zapper.invalidList];
    for (const id of lists) {
      const sp = s.pages.get(id);
      if (!sp || sp.list === 'active' || seen.has(id))
        return ['hash-and-lists-agree', `page ${id} on a zapped list is missing or also active`];
      seen.add(id);
    }
    if (seen.size !== s.pages.size) return ['hash-and-lists-agree', `${s.pages.size} pages exist, ${seen.size} are on a list`];
    const buckets = new Map<number, number>();
    let indexed = 0;
    for (const sp of s.pages.values()) {
      const b = hashBucket(sp.gfn);
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
      if (!s.index.get(indexKey(sp.gfn, sp.role.level, sp.role.direct))?.includes(sp.id)) {
        return ['hash-and-lists-agree', `page ${sp.id} is not in the hash`];
      }
    }
    for (const ids of s.index.values()) indexed += ids.length;
    if (indexed !== s.pages.size) return ['hash-and-lists-agree', `hash holds ${indexed} entries for ${s.pages.size} pages`];
    for (let b = 0; b < s.hashCount.length; b++) {
      if ((s.hashCount[b] ?? 0) !== (buckets.get(b) ?? 0))
        return ['hash-and-lists-agree', `bucket ${b} counts ${s.hashCount[b]}, holds ${buckets.get(b) ?? 0}`];
    }
    return null;
  }
}
