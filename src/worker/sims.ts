/**
 * One hosted simulation: a Timeline (the log, checkpoints, forks) and a Folder over its log
 * (frames at any cursor). Plain functions of the request's fields; the dispatcher (host.ts)
 * turns their results and exceptions into replies.
 */
import type { FrameTarget, Landmark, Progress, SimMeta } from '../protocol/messages.ts';
import type { Scenario } from '../scenario/schema.ts';
import { toConfig } from '../scenario/toConfig.ts';
import { LANDMARK_TYPES, type SimEvent } from '../sim/events.ts';
import { Timeline, type TimedIntervention } from '../sim/timeline.ts';
import type { Intervention } from '../sim/types.ts';
import { Folder } from '../trace/fold.ts';

/** Events per Timeline.extendTo call inside a budgeted loop (the clock is read between calls). */
const SLICE = 500;

export class HostedSim {
  readonly scenario: Scenario;
  readonly timeline: Timeline;
  readonly folder: Folder;

  constructor(scenario: Scenario, interventions: readonly TimedIntervention[]) {
    this.scenario = scenario;
    const config = toConfig(scenario);
    // Checkpoints clone the whole state: space them by the size of the map (~1 page per 2 MiB
    // mapped) and keep fewer of them for a large map (memory).
    const pagesEstimate = Math.max(1, config.guestPages / 512);
    this.timeline = new Timeline(config, interventions, {
      checkpointEvery: Math.max(2048, Math.ceil(4 * pagesEstimate)),
      maxCheckpoints: Math.max(4, Math.min(48, Math.floor(300_000 / pagesEstimate))),
    });
    this.folder = new Folder(this.timeline.log, { vcpus: config.vcpus.length });
  }

  get log(): readonly SimEvent[] {
    return this.timeline.log;
  }

  meta(): SimMeta {
    const c = this.timeline.config;
    return {
      name: this.scenario.name,
      strategy: c.strategy,
      vcpus: c.vcpus.length,
      durationNs: c.durationNs,
      interventions: this.timeline.interventions.slice(),
    };
  }

  progress(): Progress {
    const log = this.timeline.log;
    return {
      events: log.length,
      tNs: log.length > 0 ? log[log.length - 1]!.tNs : 0,
      done: this.timeline.done,
      durationNs: this.timeline.config.durationNs,
    };
  }

  /** Has the log reached `until` (or the end of the run)? */
  reached(until: FrameTarget | null): boolean {
    if (this.timeline.done) return true;
    if (until === null) return false;
    const log = this.timeline.log;
    if (until.type === 'cursor') return log.length >= until.cursor;
    // Every event at or before tNs is known once a later one exists.
    return log.length > 0 && log[log.length - 1]!.tNs > until.tNs;
  }

  /** Compute at most `maxEvents` more (and stop once `budgetMs` of `now()` have passed). */
  extend(maxEvents: number, budgetMs: number | null, until: FrameTarget | null, now: () => number): void {
    const tl = this.timeline;
    const cap = tl.log.length + maxEvents;
    const start = now();
    while (tl.log.length < cap && !this.reached(until)) {
      const want = until?.type === 'cursor' ? Math.min(until.cursor, cap) : cap;
      const before = tl.log.length;
      // A time target: one step at a time (a step's events share one time).
      tl.extendTo(until?.type === 'time' ? before + 1 : Math.min(want, before + SLICE));
      if (tl.log.length === before) break;
      if (budgetMs !== null && now() - start >= budgetMs) break;
    }
    // Lay fold checkpoints over what was computed, so any seek later is cheap.
    this.folder.prefold(tl.log.length);
  }

  /** The cursor a target names, clamped to the computed log. */
  cursorOf(target: FrameTarget): number {
    const log = this.timeline.log;
    if (target.type === 'cursor') return Math.max(0, Math.min(Math.floor(target.cursor), log.length));
    // Events with tNs <= target (times are non-decreasing along the log).
    let lo = 0;
    let hi = log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (log[mid]!.tNs <= target.tNs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  landmarks(from: number): Landmark[] {
    const log = this.timeline.log;
    const out: Landmark[] = [];
    for (let i = Math.max(0, from); i < log.length; i++) {
      const e = log[i]!;
      if (LANDMARK_TYPES.has(e.type)) out.push({ i: e.i, tNs: e.tNs, type: e.type });
    }
    return out;
  }

  /** The last `limit` events before `to` that concern `page`. */
  history(page: number, to: number, limit: number): SimEvent[] {
    const log = this.timeline.log;
    const out: SimEvent[] = [];
    for (let i = Math.min(to, log.length) - 1; i >= 0 && out.length < limit; i--) {
      const e = log[i]!;
      if (touches(e, page)) out.push(e);
    }
    return out.reverse();
  }

  /** Fork at `cursor`: returns where it was applied and the cursor after its own events. */
  intervene(cursor: number, action: Intervention): { at: number; cursor: number } {
    const at = this.timeline.intervene(cursor, action);
    this.folder.truncate(at);
    return { at, cursor: this.timeline.log.length };
  }
}

/** Does event `e` concern page `page` (for the inspector's history)? */
export function touches(e: SimEvent, page: number): boolean {
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
