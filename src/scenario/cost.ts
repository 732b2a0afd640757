/**
 * What a scenario costs to compute, estimated before it runs: the events it logs (memory), the
 * guest memory accesses it simulates (work: a step of a vCPU whose accesses all hit the map emits
 * no event), its steps, and where RUN_BUDGET cuts it. From the vCPUs, their working sets and gaps,
 * the costs and the script, by the fluid model of costFlow.ts over simulated time: faults follow
 * the unmapped share of each working set, one `mmu_lock` serialises them with the zap walk, and a
 * memslot deletion or generation bump leaves every vCPU to fault its working set in again.
 *
 * An estimate, not a run: cost.test.ts checks it against real runs of every preset and a few
 * variants (zero costs, many vCPUs), and states the factor within which it holds.
 */
import { STRATEGIES, type SimConfig } from '../sim/public.ts';
import { Flow } from './costFlow.ts';
import { RUN_BUDGET } from './limits.ts';
import type { Scenario } from './schema.ts';
import { toConfig } from './toConfig.ts';

export interface RunEstimate {
  /** Events the whole run would log. */
  readonly events: number;
  /** Guest memory accesses it would simulate (each a walk of the shadow page table). */
  readonly guestAccesses: number;
  /** Steps of the discrete-event loop. */
  readonly steps: number;
  readonly durationNs: number;
  /** Simulated time at which the run reaches RUN_BUDGET's events, or null if it never does. */
  readonly eventBudgetAtNs: number | null;
  /** Simulated time at which it reaches RUN_BUDGET's guest accesses (the worker stops there). */
  readonly accessBudgetAtNs: number | null;
}

/** Where the estimate says a run will be cut, and by which budget. */
export interface PlannedCut {
  readonly reason: 'events' | 'work';
  readonly atNs: number;
}

/** Time steps over the whole run (geometric within each phase, so the fast start of a phase is fine-grained). */
const TIME_STEPS = 1500;
const FIRST_STEP_NS = 100;

/** Upper bound on the pages of a full direct map of the guest (as the schema counts them). */
function fullMapPages(cfg: SimConfig): { tables: number; pages: number } {
  const l1 = Math.ceil(cfg.guestPages / 512);
  return { tables: l1, pages: 1 + Math.ceil(l1 / 512) + Math.ceil(l1 / 512 / 512) + l1 };
}

/** Lock time the walk needs to prepare and free `pages` pages holding `leaves` mapped sptes. */
function zapWorkNs(cfg: SimConfig, pages: number, leaves: number): number {
  const c = cfg.costs;
  return pages * (c.preparePageNs + 512 * c.spteScanNs + c.pageFreeNs) + leaves * c.leafSpteDropNs + c.remoteTlbFlushNs + c.reloadIpiNs;
}

/** Times at which every vCPU loses its map: memslot deletions and generation bumps. */
function invalidations(cfg: SimConfig): { atNs: number; zaps: boolean }[] {
  return cfg.script
    .filter((e) => e.action.type === 'memslot-delete' || e.action.type === 'bump-generation')
    .map((e) => ({ atNs: e.atNs, zaps: e.action.type === 'memslot-delete' }))
    .sort((a, b) => a.atNs - b.atNs);
}

/** Records when a running total first passes a budget (interpolated within a time step). */
class Crossing {
  atNs: number | null = null;
  constructor(private readonly budget: number) {}
  check(t0: number, dt: number, before: number, after: number): void {
    if (this.atNs !== null || after < this.budget) return;
    this.atNs = Math.round(t0 + (after > before ? (dt * (this.budget - before)) / (after - before) : 0));
  }
}

/** Estimate what running `sc` to its end costs. */
export function estimateRun(
  sc: Scenario,
  budget: { readonly maxEvents: number; readonly maxGuestAccesses: number } = RUN_BUDGET,
): RunEstimate {
  const cfg = toConfig(sc);
  const flow = new Flow(cfg.vcpus, cfg.costs, STRATEGIES[cfg.strategy].lock.breakFn === null, cfg.batchZapPages);
  const t = flow.totals;
  const full = fullMapPages(cfg);
  const vcpus = cfg.vcpus.length;
  let mapPages = 1;
  if (cfg.prepopulate) {
    flow.mapAll(full.tables);
    mapPages = full.pages;
    t.events += full.pages + vcpus;
  } else t.events += 3 * vcpus;
  const events = new Crossing(budget.maxEvents);
  const accesses = new Crossing(budget.maxGuestAccesses);
  const bumps = invalidations(cfg).filter((b) => b.atNs < cfg.durationNs);
  const starts = [0, ...bumps.map((b) => b.atNs)];
  const perPhase = Math.max(20, Math.floor(TIME_STEPS / starts.length));
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k]!;
    const to = k + 1 < starts.length ? starts[k + 1]! : cfg.durationNs;
    if (k > 0) {
      // The bump: every page obsolete, the walk ahead; reloads and lock breaks on the way.
      const b = bumps[k - 1]!;
      const leaves = flow.segments.reduce((n, s) => n + s.m, 0);
      const pages = Math.max(mapPages, flow.tables + Math.ceil(flow.tables / 512) + 2);
      flow.invalidate(b.zaps ? zapWorkNs(cfg, pages, leaves) : 0, pages);
      t.events += 8 + 6 * vcpus + (b.zaps ? pages * (2 + 1 / cfg.batchZapPages) : 0);
      t.steps += b.zaps ? pages / cfg.batchZapPages + vcpus * 4 : vcpus * 4;
      mapPages = 1;
    }
    const span = to - from;
    if (span <= 0) continue;
    const ratio = span > FIRST_STEP_NS ? Math.pow(span / FIRST_STEP_NS, 1 / perPhase) : 1;
    let at = from;
    let dt = Math.min(span, FIRST_STEP_NS);
    while (at < to) {
      const step = Math.min(dt, to - at);
      const e0 = t.events;
      const a0 = t.accesses;
      flow.flow(step);
      events.check(at, step, e0, t.events);
      accesses.check(at, step, a0, t.accesses);
      at += step;
      dt *= ratio;
    }
  }
  return {
    events: Math.round(t.events),
    guestAccesses: Math.round(t.accesses),
    steps: Math.round(t.steps),
    durationNs: cfg.durationNs,
    eventBudgetAtNs: events.atNs,
    accessBudgetAtNs: accesses.atNs,
  };
}

/** The first budget the estimate says the run reaches, and when; null when it fits. */
export function plannedCut(e: RunEstimate): PlannedCut | null {
  const ev = e.eventBudgetAtNs;
  const wk = e.accessBudgetAtNs;
  if (ev === null && wk === null) return null;
  if (wk === null || (ev !== null && ev <= wk)) return { reason: 'events', atNs: ev! };
  return { reason: 'work', atNs: wk };
}
