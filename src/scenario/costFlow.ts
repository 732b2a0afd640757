/**
 * The fluid model behind cost.ts: guest memory as segments (cut at every working set's edges,
 * so vCPUs that share memory share its mapping), each with the 4 KiB pages mapped and the
 * level-1 tables built; vCPU groups that touch them at their gap; one `mmu_lock` that every fault
 * and the zap walk need. Advanced by `flow(dt)`: expected values, no randomness.
 */
import type { CostModel, Workload } from '../sim/public.ts';

/** sptes per shadow page: a level-1 table maps 512 pages of 4 KiB. */
const SPTES = 512;
/** A run step touches at most 1024 pages or 100 µs of guest time (src/sim/vcpu.ts). */
const RUN_MAX_TOUCHES = 1024;
const RUN_MAX_NS = 100_000;
/** Steps per fault (exit, fault, under the lock, unlock, enter; measured on the presets: 4.2 to 5.2). */
const STEPS_PER_FAULT = 4.5;
/** Events per fault: vcpu.exited, fault.started, lock.acquired, fault.done, lock.released, vcpu.entered. */
const EVENTS_PER_FAULT = 6;

interface Segment {
  readonly start: number;
  readonly len: number;
  /** Pages mapped (leaf sptes present). */
  m: number;
  /** Level-1 tables built. */
  r: number;
}

/** A range of guest memory a group touches, and the share of its touches that land there. */
interface Reach {
  readonly seg: Segment;
  /** Share of the group's touches per page of this segment. */
  readonly perPage: number;
}

/** vCPUs with the same workload (placement, pattern, gap). */
interface Group {
  readonly count: number;
  readonly gapNs: number;
  readonly sequential: boolean;
  readonly reach: readonly Reach[];
}

/** A group's fault rate per vCPU (per ns) when the lock is free, lock hold per fault, guest time to a miss, share of faults that build a table. */
interface Rate {
  readonly f: number;
  readonly holdNs: number;
  readonly missNs: number;
  readonly pNew: number;
}

/** What has been counted so far. */
interface Totals {
  events: number;
  accesses: number;
  steps: number;
}

/** Mean of the vCPU's gap draw: max(1, floor(g / 2) + uniform 0..g). */
const meanGap = (g: number): number => Math.max(1, Math.floor(g / 2) + g / 2);

/** [start, len, share of touches] for each part of a workload. */
function partsOf(w: Workload): [number, number, number][] {
  if (w.pattern === 'idle' || w.pages <= 0) return [];
  if (w.pattern !== 'hot-set') return [[w.baseGfn, w.pages, 1]];
  const hot = Math.max(1, Math.floor((w.pages * w.hotPermille) / 1000));
  if (hot >= w.pages) return [[w.baseGfn, w.pages, 1]];
  const a = w.hotAccessPermille / 1000;
  return [
    [w.baseGfn, hot, a],
    [w.baseGfn + hot, w.pages - hot, 1 - a],
  ];
}

export class Flow {
  readonly segments: Segment[] = [];
  private readonly groups: Group[] = [];
  /** Level-1 tables in the map, and obsolete ones still in `mmu_page_hash` (until the zap frees them). */
  tables = 0;
  obsolete = 0;
  /** Lock time the zap walk still needs (ns), and per page. */
  zapNs = 0;
  private zapPerPageNs = 0;
  /** vCPU maps kept until the walk ends (zap-all zaps under the vCPUs' feet; they fault after). */
  private clearAfterZap = false;
  readonly totals: Totals = { events: 0, accesses: 0, steps: 0 };

  constructor(
    vcpus: readonly Workload[],
    private readonly costs: CostModel,
    /** The walk holds `mmu_lock` throughout (zap-all) instead of yielding it every batch. */
    private readonly holdsLock: boolean,
    /** Pages the walk prepares between lock breaks. */
    private readonly batchPages: number,
  ) {
    const keyed = new Map<string, { w: Workload; count: number }>();
    for (const w of vcpus) {
      const key = `${w.pattern}:${w.baseGfn}:${w.pages}:${w.gapNs}:${w.hotPermille}:${w.hotAccessPermille}`;
      const k = keyed.get(key);
      if (k) k.count++;
      else keyed.set(key, { w, count: 1 });
    }
    const cuts = new Set<number>();
    for (const { w } of keyed.values()) for (const [s, n] of partsOf(w)) cuts.add(s).add(s + n);
    const edges = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < edges.length; i++) this.segments.push({ start: edges[i]!, len: edges[i + 1]! - edges[i]!, m: 0, r: 0 });
    for (const { w, count } of keyed.values()) {
      const reach: Reach[] = [];
      for (const [s, n, share] of partsOf(w))
        for (const seg of this.segments) if (seg.start >= s && seg.start < s + n) reach.push({ seg, perPage: share / n });
      if (reach.length) this.groups.push({ count, gapNs: meanGap(w.gapNs), sequential: w.pattern === 'sequential', reach });
    }
  }

  /** Every working set mapped (a pre-populated guest). */
  mapAll(tables: number): void {
    for (const s of this.segments) {
      s.m = s.len;
      s.r = s.len / SPTES;
    }
    this.tables = tables;
  }

  /**
   * A generation bump or memslot deletion: every page obsolete and `pages` pages for the walk
   * (`zapNs` of lock time). The vCPUs lose their map at once (3.11 reloads them), or as the walk
   * passes (zap-all, under the lock: they fault once it ends).
   */
  invalidate(zapNs: number, pages: number): void {
    this.obsolete += this.tables;
    this.tables = 0;
    this.zapNs += zapNs;
    this.zapPerPageNs = pages > 0 ? zapNs / pages : 0;
    this.clearAfterZap = this.holdsLock && zapNs > 0;
    if (!this.clearAfterZap) this.unmap();
  }

  private unmap(): void {
    for (const s of this.segments) s.m = s.r = 0;
  }

  /** Advance the model by `dt` ns. */
  flow(dt: number): void {
    const c = this.costs;
    const hashNs = c.hashProbeNs * ((this.tables + this.obsolete) / 2);
    const rates = this.groups.map((g) => this.rateOf(g, hashNs));
    const { zapShare, perVcpu } = this.zapNs > 0 ? this.sharedWithWalk(rates) : this.lockBound(rates, dt);
    const zapUse = Math.min(this.zapNs, dt * zapShare);
    this.zapNs -= zapUse;
    if (this.zapNs <= 0) {
      this.obsolete = 0;
      if (this.clearAfterZap) this.unmap();
      this.clearAfterZap = false;
    }
    const contended = Math.min(1, perVcpu.reduce((d, f, i) => d + this.groups[i]!.count * f * rates[i]!.holdNs, 0) + zapShare);
    this.groups.forEach((g, i) => this.advanceGroup(g, rates[i]!, perVcpu[i]! * dt, dt, contended));
  }

  /** No walk: the vCPUs share the lock; past saturation their faults scale down together. */
  private lockBound(rates: readonly Rate[], dt: number): { zapShare: number; perVcpu: number[] } {
    const demand = rates.reduce((d, r, i) => d + this.groups[i]!.count * r.f * r.holdNs, 0);
    const scale = demand > 1 ? 1 / demand : 1;
    return { zapShare: 0, perVcpu: rates.map((r) => (dt > 0 ? r.f * scale : 0)) };
  }

  /**
   * The walk runs: zap-all holds the lock throughout; 3.11's walk yields it every batch, and the
   * ticket lock lets every waiting vCPU through first (one fault each) before the next batch.
   */
  private sharedWithWalk(rates: readonly Rate[]): { zapShare: number; perVcpu: number[] } {
    if (this.holdsLock) return { zapShare: 1, perVcpu: rates.map(() => 0) };
    const batchNs = this.batchPages * this.zapPerPageNs;
    let round = batchNs;
    for (let k = 0; k < 8; k++)
      round = batchNs + rates.reduce((d, r, i) => d + this.groups[i]!.count * r.holdNs * Math.min(1, round * r.f), 0);
    return { zapShare: batchNs / round, perVcpu: rates.map((r) => Math.min(1, round * r.f) / round) };
  }

  /** A group's fault rate per vCPU (per ns), lock hold per fault, and guest time to a miss. */
  private rateOf(g: Group, hashNs: number): Rate {
    const c = this.costs;
    let miss = 0;
    let fresh = 0;
    for (const { seg, perPage } of g.reach) {
      const un = seg.len - seg.m;
      miss += perPage * un;
      fresh += perPage * Math.min(un, Math.max(0, seg.len / SPTES - seg.r) * SPTES);
    }
    if (g.sequential && miss > 1e-9) miss = 1;
    if (miss <= 1e-9) return { f: 0, holdNs: 0, missNs: Infinity, pNew: 0 };
    const pNew = Math.min(1, fresh / miss);
    const holdNs = c.faultLockedNs + c.lockHandoffNs + pNew * (c.pageAllocNs + hashNs);
    const missNs = g.gapNs / miss;
    return { f: 1 / (c.vmExitNs + c.faultPrepNs + holdNs + missNs), holdNs, missNs, pNew };
  }

  private advanceGroup(g: Group, r: Rate, perVcpu: number, dt: number, contended: number): void {
    const t = this.totals;
    const faults = g.count * perVcpu;
    // Guest time: until each fault's miss, or all of dt once nothing is left to miss.
    const guest = r.f === 0 ? dt : Math.min(dt, (faults / g.count) * r.missNs);
    t.accesses += (g.count * guest) / g.gapNs;
    t.steps += faults * STEPS_PER_FAULT + (g.count * guest) / Math.min(RUN_MAX_TOUCHES * g.gapNs, RUN_MAX_NS);
    t.events += faults * (EVENTS_PER_FAULT + contended) + faults * r.pNew;
    if (faults <= 0) return;
    // Faults land where the misses are, each mapping one page (and maybe building its table).
    let mass = 0;
    for (const { seg, perPage } of g.reach) mass += perPage * (seg.len - seg.m);
    for (const { seg, perPage } of g.reach) {
      const here = (faults * perPage * (seg.len - seg.m)) / mass;
      const un = seg.len - seg.m;
      const newTables = un > 0 ? (here * Math.max(0, seg.len / SPTES - seg.r) * SPTES) / un : 0;
      const built = Math.min(newTables, Math.max(0, seg.len / SPTES - seg.r));
      seg.m = Math.min(seg.len, seg.m + here);
      seg.r += built;
      this.tables += built;
    }
  }
}
