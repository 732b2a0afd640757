/**
 * One hosted simulation: a Timeline (the log, checkpoints, forks) and a Folder over its log
 * (frames at any cursor). Plain functions of the request's fields; the dispatcher (host.ts)
 * turns their results and exceptions into replies. Both size their checkpoints by themselves.
 */
import type { FrameTarget, Landmark, Progress, RunCut, SimMeta } from '../protocol/messages.ts';
import { estimateRun } from '../scenario/cost.ts';
import { RUN_BUDGET } from '../scenario/limits.ts';
import type { Scenario } from '../scenario/schema.ts';
import { toConfig } from '../scenario/toConfig.ts';
import type { EventLog } from '../sim/eventLog.ts';
import { LANDMARK_TYPES, type SimEvent } from '../sim/events.ts';
import { Timeline, type TimedIntervention } from '../sim/timeline.ts';
import { pageId, type Intervention, type PageId } from '../sim/types.ts';
import { Folder } from '../trace/fold.ts';
import { foldRunOf } from '../trace/names.ts';

/** Events, and steps, per Timeline.advance call inside a budgeted loop (the clock is read between calls). */
const SLICE = 500;
const STEP_SLICE = 64;

/** What one run may cost (RUN_BUDGET unless a test says otherwise). */
export type RunBudget = { readonly [K in keyof typeof RUN_BUDGET]: number };

export class HostedSim {
  readonly scenario: Scenario;
  readonly timeline: Timeline;
  readonly folder: Folder;
  private readonly budget: RunBudget;
  /** Where the work budget stops the run (simulated ns), from the estimate: the same every time. */
  private readonly horizonNs: number;
  /** Why and where computing stopped short of the end, once it has. */
  private cut: RunCut | null = null;

  constructor(scenario: Scenario, interventions: readonly TimedIntervention[], budget: RunBudget = RUN_BUDGET) {
    this.scenario = scenario;
    const config = toConfig(scenario);
    this.timeline = new Timeline(config, interventions);
    this.folder = new Folder(this.timeline.events, foldRunOf(config));
    this.budget = budget;
    this.horizonNs = estimateRun(scenario, budget).accessBudgetAtNs ?? Number.POSITIVE_INFINITY;
  }

  /** Nothing more will be computed: the run ended, or a budget cut it. */
  get finished(): boolean {
    return this.cut !== null || this.timeline.done;
  }

  /** Bytes held by the log and both sides' checkpoints (what the memory budget counts). */
  bytes(): number {
    return this.log.byteLength + this.timeline.checkpointBytes + this.folder.checkpointBytes;
  }

  /** Cut the run here if a budget says so (events, memory, or the work horizon just ahead). */
  private checkCut(): void {
    const tl = this.timeline;
    if (this.cut || tl.done) return;
    const bytes = this.bytes();
    const next = tl.nextTimeNs();
    const reason =
      tl.length >= this.budget.maxEvents
        ? 'events'
        : bytes >= this.budget.maxBytes
          ? 'memory'
          : next !== null && next > this.horizonNs
            ? 'work'
            : null;
    if (reason) this.cut = { reason, atNs: tl.head.tNs, events: tl.length, bytes };
  }

  /** The log (compact; events are decoded on demand). */
  get log(): EventLog {
    return this.timeline.events;
  }

  meta(): SimMeta {
    const c = this.timeline.config;
    return {
      name: this.scenario.name,
      strategy: c.strategy,
      vcpus: c.vcpus.length,
      durationNs: c.durationNs,
      interventions: this.timeline.interventions.slice(),
      setupEvents: this.timeline.setupEvents,
    };
  }

  progress(): Progress {
    const log = this.log;
    const tl = this.timeline;
    const durationNs = tl.config.durationNs;
    return {
      events: log.length,
      tNs: log.length > 0 ? log.tNsAt(log.length - 1) : 0,
      reachedNs: tl.done ? durationNs : Math.min(tl.head.tNs, durationNs),
      done: this.finished,
      durationNs,
      cut: this.cut,
    };
  }

  /** Has the log reached `until` (or the end of what will be computed)? */
  reached(until: FrameTarget | null): boolean {
    if (this.finished) return true;
    if (until === null) return false;
    const log = this.log;
    if (until.type === 'cursor') return log.length >= until.cursor;
    // Every event at or before tNs is known once a later step has run.
    return this.timeline.head.tNs > until.tNs || (log.length > 0 && log.tNsAt(log.length - 1) > until.tNs);
  }

  /**
   * Compute at most `maxEvents` more (and stop once `budgetMs` of `now()` have passed). Work is
   * done in slices of at most SLICE events and STEP_SLICE steps, so the clock is read even while
   * steps emit no event. The fold follows slice by slice (laying its checkpoints, so any seek later
   * is cheap) inside the same budget: a frame request queued behind this one waits about
   * `budgetMs` at most. The run's budgets (events, memory, work) cut it for good.
   */
  extend(maxEvents: number, budgetMs: number | null, until: FrameTarget | null, now: () => number): void {
    const tl = this.timeline;
    const cap = Math.min(tl.length + maxEvents, this.budget.maxEvents);
    const start = now();
    this.checkCut();
    while (tl.length < cap && !this.reached(until)) {
      const want = until?.type === 'cursor' ? Math.min(until.cursor, cap) : cap;
      const before = tl.length;
      // A time target: one event at a time (a step's events share one time).
      const taken = tl.advance(until?.type === 'time' ? before + 1 : Math.min(want, before + SLICE), STEP_SLICE, this.horizonNs);
      if (tl.length > before) this.folder.prefold(tl.length);
      this.checkCut();
      if (taken === 0 || (budgetMs !== null && now() - start >= budgetMs)) break;
    }
    this.folder.prefold(tl.length);
    // Nothing more will be computed: the state folding ahead is no longer needed.
    if (this.finished) this.folder.dropScout();
  }

  /** The cursor a target names, clamped to the computed log. */
  cursorOf(target: FrameTarget): number {
    const log = this.log;
    if (target.type === 'cursor') return Math.max(0, Math.min(Math.floor(target.cursor), log.length));
    // Events with tNs <= target (times are non-decreasing along the log).
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (log.tNsAt(mid) <= target.tNs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Events [from, to), clamped to the computed log and to `max` events. */
  events(from: number, to: number, max: number): { from: number; events: SimEvent[] } {
    const a = Math.max(0, Math.floor(from));
    const b = Math.min(Math.floor(to), this.log.length, a + max);
    return { from: a, events: b > a ? this.log.slice(a, b) : [] };
  }

  landmarks(from: number): Landmark[] {
    const log = this.log;
    const out: Landmark[] = [];
    for (let i = Math.max(0, from); i < log.length; i++) {
      const type = log.typeAt(i);
      if (LANDMARK_TYPES.has(type)) out.push({ i, tNs: log.tNsAt(i), type });
    }
    return out;
  }

  /** The last `limit` events before `to` that concern `page`. */
  history(pageNumber: number, to: number, limit: number): SimEvent[] {
    const page = pageId(pageNumber);
    const log = this.log;
    const out: SimEvent[] = [];
    for (let i = Math.min(to, log.length) - 1; i >= 0 && out.length < limit; i--) {
      // Pages are only named by events after their creation: stop there.
      const e = log.at(i)!;
      if (touches(e, page)) {
        out.push(e);
        if (e.type === 'page.created' && e.page === page) break;
      }
    }
    return out.reverse();
  }

  /** Fork at `cursor`: returns where it was applied and the cursor after its own events. */
  intervene(cursor: number, action: Intervention): { at: number; cursor: number } {
    const at = this.timeline.intervene(cursor, action);
    this.folder.truncate(at);
    // The future is recomputed: a budget cuts it again when it gets there.
    this.cut = null;
    this.checkCut();
    return { at, cursor: this.timeline.length };
  }
}

/** Does event `e` concern page `page` (for the inspector's history)? */
function touches(e: SimEvent, page: PageId): boolean {
  switch (e.type) {
    case 'page.created':
      return e.page === page || e.parent === page;
    case 'page.linked':
      return e.page === page || e.parent === page;
    case 'page.prepared':
      return e.page === page || e.unlinkedChildren.includes(page) || e.unlinkedParents.includes(page);
    case 'root.parked':
    case 'page.freed':
    case 'root.loaded':
    case 'root.dropped':
      return e.page === page;
    case 'reload.requested':
      return e.page === page;
    case 'fault.done':
      return e.leafPage === page;
    case 'vcpu.entered':
      return e.root === page;
    case 'zap.walk.done':
      return e.stoppedAt === page;
    case 'gen.bumped':
    case 'reload.serviced':
    case 'lock.contended':
    case 'lock.acquired':
    case 'lock.released':
    case 'lock.broken':
    case 'invalidation.started':
    case 'invalidation.done':
    case 'tlb.flushed':
    case 'fault.started':
    case 'vcpu.exited':
    case 'vcpu.paused':
    case 'vcpu.resumed':
    case 'workload.changed':
    case 'shrink.done':
      return false;
  }
}
