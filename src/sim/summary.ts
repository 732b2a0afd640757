/**
 * Run metrics, accumulated from the event log alone (so the CLI, the tests and the UI's charts
 * agree): lock holds and waits, invalidation latency, batches, page counts.
 */
import { vcpuOf } from './actors.ts';
import type { SimEvent } from './events.ts';

export interface RunSummary {
  /** Longest continuous hold of mmu_lock by the zapper. */
  maxZapperHoldNs: number;
  /** The same, not counting time inside kvm_mmu_commit_zap_page (the final free of every page). */
  maxZapperHoldExclCommitNs: number;
  /** Longest kvm_mmu_commit_zap_page by the zapper (remote flush + freeing). */
  maxZapperCommitNs: number;
  /** Total time vCPUs spent spinning on mmu_lock. */
  vcpuLockWaitNs: number;
  perVcpuLockWaitNs: number[];
  /** Longest single spin of any vCPU on mmu_lock. */
  vcpuMaxWaitNs: number;
  /** From the first invalidation's start to the last page it invalidated being freed. */
  invalidationNs: number;
  /** From the first invalidation's start to the zapper's release of the lock. */
  zapperNs: number;
  lockBreaks: number;
  pagesZapped: number;
  /** Pages prepared per batch (between lock breaks). */
  batches: number[];
  shadowPagesPeak: number;
  shadowPagesFinal: number;
  faultsPerVcpu: number[];
  remoteTlbFlushes: number;
  events: number;
  endNs: number;
  generation: number;
}

export class SummaryBuilder {
  private s: RunSummary;
  /** Pages on active_mmu_pages (created, not yet prepared onto an invalid list). */
  private live = new Set<number>();
  private zapperHeldSince = -1;
  private zapperCommitNs = 0;
  private commitSince = -1;
  private invStart = -1;
  private invPagesBefore = new Set<number>();
  private lastPrepareBatch = 0;

  constructor(vcpus: number) {
    this.s = {
      maxZapperHoldNs: 0,
      maxZapperHoldExclCommitNs: 0,
      maxZapperCommitNs: 0,
      vcpuLockWaitNs: 0,
      perVcpuLockWaitNs: new Array<number>(vcpus).fill(0),
      vcpuMaxWaitNs: 0,
      invalidationNs: -1,
      zapperNs: -1,
      lockBreaks: 0,
      pagesZapped: 0,
      batches: [],
      shadowPagesPeak: 0,
      shadowPagesFinal: 0,
      faultsPerVcpu: new Array<number>(vcpus).fill(0),
      remoteTlbFlushes: 0,
      events: 0,
      endNs: 0,
      generation: 0,
    };
  }

  add(e: SimEvent): void {
    const s = this.s;
    s.events++;
    s.endNs = e.tNs;
    const vcpu = vcpuOf(e.actor);
    if (this.commitSince >= 0 && e.actor === 'zapper' && e.type !== 'page.freed' && e.type !== 'tlb.flushed') {
      const c = e.tNs - this.commitSince;
      this.zapperCommitNs += c;
      if (c > s.maxZapperCommitNs) s.maxZapperCommitNs = c;
      this.commitSince = -1;
    }
    // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- the other event types carry no metric
    switch (e.type) {
      case 'page.created':
        this.live.add(e.page);
        if (this.live.size > s.shadowPagesPeak) s.shadowPagesPeak = this.live.size;
        break;
      case 'page.prepared':
        if (e.to !== 'head') this.live.delete(e.page);
        if (e.actor === 'zapper' && e.to !== 'head') {
          s.pagesZapped++;
          this.lastPrepareBatch = e.batch;
        }
        break;
      case 'page.freed':
        this.live.delete(e.page);
        if (this.invStart >= 0 && this.invPagesBefore.delete(e.page) && this.invPagesBefore.size === 0 && s.invalidationNs < 0) {
          s.invalidationNs = e.tNs - this.invStart;
        }
        break;
      case 'lock.acquired':
        if (e.actor === 'zapper') {
          this.zapperHeldSince = e.tNs;
          this.zapperCommitNs = 0;
        } else if (vcpu >= 0) {
          s.vcpuLockWaitNs += e.waitedNs;
          s.perVcpuLockWaitNs[vcpu] = (s.perVcpuLockWaitNs[vcpu] ?? 0) + e.waitedNs;
          if (e.waitedNs > s.vcpuMaxWaitNs) s.vcpuMaxWaitNs = e.waitedNs;
        }
        break;
      case 'lock.released':
        if (e.actor === 'zapper' && this.zapperHeldSince >= 0) {
          const held = e.tNs - this.zapperHeldSince;
          if (held > s.maxZapperHoldNs) s.maxZapperHoldNs = held;
          if (held - this.zapperCommitNs > s.maxZapperHoldExclCommitNs) s.maxZapperHoldExclCommitNs = held - this.zapperCommitNs;
          this.zapperHeldSince = -1;
        }
        break;
      case 'lock.broken':
        s.lockBreaks++;
        s.batches.push(e.batch);
        break;
      case 'tlb.flushed':
        if (e.scope === 'remote') {
          s.remoteTlbFlushes++;
          if (e.actor === 'zapper') this.commitSince = e.tNs;
        }
        break;
      case 'invalidation.started':
        if (this.invStart < 0) {
          this.invStart = e.tNs;
          this.invPagesBefore = new Set(this.live);
        }
        break;
      case 'zap.walk.done':
        s.batches.push(this.lastPrepareBatch);
        break;
      case 'invalidation.done':
        if (s.zapperNs < 0 && this.invStart >= 0) s.zapperNs = e.tNs - this.invStart;
        break;
      case 'fault.started':
        s.faultsPerVcpu[e.vcpu] = (s.faultsPerVcpu[e.vcpu] ?? 0) + 1;
        break;
      case 'gen.bumped':
        s.generation = e.newGen;
        break;
      default:
        break;
    }
    if (e.type === 'lock.broken' || e.type === 'zap.walk.done') this.lastPrepareBatch = 0;
  }

  result(): RunSummary {
    return { ...this.s, shadowPagesFinal: this.live.size, batches: this.s.batches.slice() };
  }
}
