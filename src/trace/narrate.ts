/**
 * Every event as one plain-English sentence, with the kernel function that did it. The narration
 * panel, the inspector's history and the CLI's traces share these words. Whatever differs between
 * kernels (the walk's direction, list names, whether there are batches) comes from the run's
 * strategy names (names.ts), never from 3.11's.
 */
import { isVcpu } from '../sim/actors.ts';
import type { KernelFn, SimEvent } from '../sim/events.ts';
import type { StrategyNames } from './frame.ts';
import { actorLabel, formatNs, hexGfn as hex, plural } from './format.ts';

export interface Narration {
  readonly text: string;
  /** The kernel function (Linux 3.11) the event comes from. */
  readonly fn: KernelFn;
}

/** An actor as the subject of a sentence: "vCPU 3", "The zapper", "The shrinker", "Setup". */
function actorSubject(a: string): string {
  if (isVcpu(a)) return actorLabel(a);
  return a === 'setup' ? 'Setup' : `The ${a}`;
}

/** An actor in the middle of a sentence: "vCPU 3", "the zapper". */
const actorInText = (a: string) => (isVcpu(a) ? actorLabel(a) : actorSubject(a).toLowerCase());
const vcpuList = (ids: readonly number[]) => (ids.length === 0 ? 'none' : ids.map((v) => `vCPU ${v}`).join(', '));
const causes: Record<string, string> = {
  'memslot-delete': 'A memslot is deleted',
  intervention: 'An invalidation is requested',
  'mmio-gen-wrap': 'The MMIO generation wraps',
};

/** The sentence for one event of a run with the strategy names `n`. */
// eslint-disable-next-line max-lines-per-function -- the narration switch: one sentence per event type (eslint.limits.js, LIMIT_EXCEPTIONS)
export function narrateText(e: SimEvent, n: StrategyNames): string {
  const who = actorSubject(e.actor);
  switch (e.type) {
    case 'page.created': {
      const what = `shadow page #${e.page} (level ${e.level}, gfn ${hex(e.gfn)}, generation ${e.gen})`;
      if (e.actor === 'setup')
        return `Setup: ${what} already maps the guest's memory${e.level === 1 ? ` (${plural(e.leaves, 'leaf spte')})` : ''}.`;
      const where = e.parent === null ? 'as a new root' : `and links it into spte ${e.index} of page #${e.parent}`;
      return `${who} allocates ${what} ${where} (kvm_mmu_get_page found no valid page after ${plural(e.hashProbes, 'hash probe')}).`;
    }
    case 'page.linked':
      return `${who} finds valid page #${e.page} in the hash and links it into spte ${e.index} of page #${e.parent}.`;
    case 'gen.bumped':
      return `${who} ${n.genRule === 'toggle' ? 'toggles' : 'bumps'} kvm->arch.mmu_valid_gen from ${e.oldGen} to ${e.newGen}: every existing shadow page is now obsolete (${plural(e.nUsed, 'page')} in use).`;
    case 'reload.requested': {
      const why = e.page === null ? '' : ` because root page #${e.page} was zapped while in use`;
      return `${who} sets KVM_REQ_MMU_RELOAD on every vCPU${why} and IPIs those in guest mode out of it (${vcpuList(e.kicked)}).`;
    }
    case 'reload.serviced':
      return `vCPU ${e.vcpu} services KVM_REQ_MMU_RELOAD on entry: it drops its root and loads one of the current generation.`;
    case 'root.dropped':
      return `vCPU ${e.vcpu} drops its root, page #${e.page} (root_count now ${e.rootCount}).`;
    case 'root.loaded':
      if (e.actor === 'setup') return `Setup: vCPU ${e.vcpu} starts with root page #${e.page} loaded (root_count ${e.rootCount}).`;
      return e.created
        ? `vCPU ${e.vcpu} loads a new root, page #${e.page}, in the current generation (root_count ${e.rootCount}).`
        : `vCPU ${e.vcpu} loads root page #${e.page}, shared with other vCPUs (root_count ${e.rootCount}).`;
    case 'lock.contended':
      return `${who} spins on mmu_lock${e.holder ? ` (held by ${actorInText(e.holder)})` : ''}, position ${e.position} in the queue.`;
    case 'lock.acquired':
      return e.waitedNs > 0 ? `${who} takes mmu_lock after spinning ${formatNs(e.waitedNs)}.` : `${who} takes mmu_lock.`;
    case 'lock.released':
      return `${who} releases mmu_lock after holding it ${formatNs(e.heldNs)}.`;
    case 'lock.broken': {
      const restart = `the walk restarts from the ${n.walkFrom}`;
      return e.reason === 'spin_needbreak'
        ? `${who} breaks mmu_lock after a batch of ${plural(e.batch, 'page')}: ${e.waiters === 1 ? '1 actor is spinning on it (spin_needbreak) and goes first' : `${e.waiters} actors are spinning on it (spin_needbreak) and go first`}; ${restart}.`
        : `${who} breaks mmu_lock after a batch of ${plural(e.batch, 'page')}: a reschedule is due (need_resched); ${restart}.`;
    }
    case 'invalidation.started': {
      const cause = causes[e.cause] ?? 'An invalidation starts';
      return n.lockBreakFn === null
        ? `${cause}: the zapper starts ${e.fn} over ${plural(e.nUsed, 'shadow page')}, in one hold of mmu_lock.`
        : `${cause}: the zapper starts ${e.fn} (${e.strategy}) with ${plural(e.nUsed, 'shadow page')} in use.`;
    }
    case 'invalidation.done':
      return `The invalidation is done: ${plural(e.pagesZapped, 'page')} zapped in ${formatNs(e.durationNs)}; the generation is ${e.gen}.`;
    case 'zap.walk.done':
      return e.reason === 'reached-valid'
        ? `The walk from the ${n.walkFrom} reaches page #${e.stoppedAt ?? '?'}, which is valid: nothing older is obsolete, so it stops.`
        : `The walk reaches the end of ${n.walkList}: nothing is left to zap.`;
    case 'page.prepared': {
      const what = `page #${e.page} (level ${e.level}, generation ${e.gen})`;
      if (e.to === 'head')
        return `${who} zaps ${what}, but it is a root still in use: role.invalid is set and it is parked at the head of ${n.walkList}.`;
      const drops =
        e.level === 1
          ? `${plural(e.leafSptes, 'leaf spte')} dropped`
          : `${plural(e.unlinkedChildren.length, 'child', 'children')} unlinked`;
      const batch = e.actor !== 'zapper' ? '' : n.lockBreakFn === null ? ` (${e.batch} in this hold)` : ` (batch: ${e.batch})`;
      return `${who} prepares ${what} for freeing: ${drops}, moved to ${e.to}${batch}.`;
    }
    case 'root.parked': {
      const alive = `Page #${e.page} stays alive while ${plural(e.rootCount, 'vCPU uses', 'vCPUs use')} it as a root`;
      const past = n.walkFrom === 'tail' ? 'the walk will skip it' : 'the walk goes on past it';
      return e.reloadRequested
        ? `${alive}; it was not invalid yet, so every vCPU is told to reload.`
        : `${alive}; the vCPUs were already told to reload, and ${past}.`;
    }
    case 'tlb.flushed':
      return e.scope === 'remote'
        ? `${who} flushes every vCPU's TLB (kvm_flush_remote_tlbs)${e.pages > 0 ? ` before freeing ${plural(e.pages, 'page')}` : ''}.`
        : `vCPU ${e.vcpu ?? '?'} flushes its own TLB on entry.`;
    case 'page.freed':
      return `${who} frees page #${e.page} (level ${e.level}, generation ${e.gen}); ${plural(e.nUsed, 'shadow page')} in use.`;
    case 'fault.started':
      return `vCPU ${e.vcpu} handles the EPT violation at gfn ${hex(e.gfn)} in tdp_page_fault.`;
    case 'fault.done': {
      const root = e.rootObsolete ? `its stale root #${e.root} (3.11 had no stale-root check)` : `root #${e.root}`;
      const made = e.created > 0 ? `, creating ${plural(e.created, 'page')}` : '';
      return `vCPU ${e.vcpu} maps gfn ${hex(e.gfn)} under ${root}${made}: leaf ${e.leafIndex} of page #${e.leafPage} (${e.leaves} present).`;
    }
    case 'vcpu.entered':
      return `vCPU ${e.vcpu} enters the guest on root page #${e.root}.`;
    case 'vcpu.exited':
      return e.reason === 'ept-violation'
        ? `vCPU ${e.vcpu} exits the guest: EPT violation.`
        : e.reason === 'ipi'
          ? `vCPU ${e.vcpu} is kicked out of the guest by an IPI.`
          : `vCPU ${e.vcpu} leaves the guest to pause.`;
    case 'vcpu.paused':
      return `vCPU ${e.vcpu} is paused: it stops at its next entry, its root still loaded.`;
    case 'vcpu.resumed':
      return `vCPU ${e.vcpu} resumes.`;
    case 'workload.changed':
      return `vCPU ${e.vcpu} switches to a ${e.workload.pattern} workload over ${plural(Math.round(e.workload.pages / 256), 'MiB', 'MiB')}.`;
    case 'shrink.done':
      return e.fromZappedObsolete
        ? `The shrinker (mmu_shrink) frees the ${plural(e.freed, 'page')} waiting on zapped_obsolete_pages first.`
        : `The shrinker (mmu_shrink) zaps the oldest page from the tail, freeing ${plural(e.freed, 'page')}.`;
  }
}

/** The sentence and the kernel function of one event of a run with the strategy names `n`. */
export function narrate(e: SimEvent, n: StrategyNames): Narration {
  return { text: narrateText(e, n), fn: e.fn };
}

const narrators = new Map<string, (e: SimEvent) => Narration>();

/**
 * `narrate` bound to a run's names; the same function for equal names (frames carry a fresh copy
 * of the names each time), so a memoised list does not re-render for it.
 */
export function narratorFor(n: StrategyNames): (e: SimEvent) => Narration {
  const key = JSON.stringify(n);
  let f = narrators.get(key);
  if (!f) {
    f = (e) => narrate(e, n);
    narrators.set(key, f);
  }
  return f;
}
