/**
 * The time machine: a run's event log, checkpoints of the state, seek and fork. Interventions
 * are keyed by the event index at which they were applied, so a run is fully described by
 * (config, interventions) and replays to the identical log.
 *
 * Memory: the log is stored compactly (EventLog) and checkpoints are packed states (pack.ts),
 * kept by a CheckpointStore (checkpoints.ts: spacing at least `EVENTS_PER_PAGE` events per shadow
 * page, thinned to a count and byte budget).
 */
import { CheckpointStore, policyOf, type Checkpoint, pagedCodec, type CheckpointOptions, type CheckpointPolicy } from './checkpoints.ts';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import { EventLog } from './eventLog.ts';
import { packState, unpackState, type PackedState } from './pack.ts';
import type { Intervention, SimConfig, SimState } from './types.ts';

export interface TimedIntervention {
  /** Applied when the log holds exactly this many events (always a step boundary). */
  readonly atEvent: number;
  readonly action: Intervention;
}

/** The Timeline's checkpoint options (see TIMELINE_CHECKPOINTS for the defaults). */
export type TimelineOptions = CheckpointOptions;

/** Least events between checkpoints per shadow page in the state (packing a page ~ a few steps). */
export const EVENTS_PER_PAGE = 4;
/** The Timeline's default checkpoint policy; 64 MiB hold a few checkpoints of the largest preset (~10 MiB each packed). */
const TIMELINE_CHECKPOINTS: CheckpointPolicy = {
  every: 2048,
  eventsPerPage: EVENTS_PER_PAGE,
  maxCount: 48,
  maxBytes: 64 * 1024 * 1024,
};

/** Simulation states, packed as pack.ts packs them. */
const SIM_STATE_CODEC = pagedCodec<SimState, PackedState>(packState, unpackState);

/** Step boundaries (event counts), ascending: a growable Uint32Array. */
class Boundaries {
  private a = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = v;
  }
  get last(): number {
    return this.a[this.length - 1]!;
  }
  get(k: number): number {
    return this.a[k]!;
  }
  /** The first boundary >= k, or -1. */
  atOrAfter(k: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.a[mid]! >= k) hi = mid;
      else lo = mid + 1;
    }
    return lo < this.length ? this.a[lo]! : -1;
  }
}

export class Timeline {
  readonly config: SimConfig;
  /** Every event so far, in order (`events.at(i).i === i`), stored compactly. */
  readonly events = new EventLog();
  /** Events emitted by the setup (the pre-populated map, the roots loaded): the first ones. */
  readonly setupEvents: number;
  private sim: Simulation;
  private readonly checkpointStore: CheckpointStore<SimState, PackedState>;
  private interventionList: TimedIntervention[];
  /** Event counts that are step boundaries (to snap a fork point). */
  private readonly boundaries = new Boundaries();
  /** The log as objects, made on first use of `log` and kept in step from then on. */
  private mirror: SimEvent[] | null = null;

  /** Next entry of `interventionList` the live simulation has not applied yet. */
  private nextIv = 0;

  constructor(config: SimConfig, interventions: readonly TimedIntervention[] = [], opts: TimelineOptions = {}) {
    this.config = config;
    this.checkpointStore = new CheckpointStore(SIM_STATE_CODEC, policyOf(TIMELINE_CHECKPOINTS, opts));
    this.interventionList = [...interventions].sort((a, b) => a.atEvent - b.atEvent);
    this.sim = Simulation.create(config, this.record);
    this.setupEvents = this.events.length;
    this.boundaries.push(this.events.length);
    this.applyDueInterventions();
    // A checkpoint's state includes the interventions applied at its event count.
    this.checkpointStore.add(this.events.length, this.sim.state);
  }

  /** The checkpoints held, oldest first (for tests and diagnostics). */
  get checkpoints(): readonly Checkpoint<PackedState>[] {
    return this.checkpointStore.all;
  }

  /** Bytes held by the (packed) checkpoints (for diagnostics). */
  get checkpointBytes(): number {
    return this.checkpointStore.bytes;
  }

  /**
   * Every event so far as objects, in order (`log[i].i === i`). Made on first use and kept in
   * step from then on (~170 bytes per event): for tests and small runs; read `events` otherwise.
   * Do not modify it.
   */
  get log(): SimEvent[] {
    this.mirror ??= this.events.slice();
    return this.mirror;
  }

  /** Number of events computed. */
  get length(): number {
    return this.events.length;
  }

  private readonly record = (e: SimEvent): void => {
    this.events.push(e);
    this.mirror?.push(e);
  };

  private truncateLog(n: number): void {
    this.events.truncate(n);
    if (this.mirror) this.mirror.length = Math.min(this.mirror.length, n);
  }

  get interventions(): readonly TimedIntervention[] {
    return this.interventionList;
  }

  /** The live (furthest computed) simulation state. */
  get head(): Readonly<SimState> {
    return this.sim.state;
  }

  get done(): boolean {
    return this.sim.done;
  }

  /** Compute forward until the log holds at least `n` events (or the run ends). */
  extendTo(n: number): void {
    while (this.events.length < n && this.stepLive()) {
      /* stepping */
    }
  }

  /**
   * Compute forward until the log holds `n` events, `maxSteps` steps have been taken, or the next
   * step would come after `untilNs`; returns the steps taken. Budgets count steps, not events: a
   * step may emit none (a vCPU whose accesses all hit the map), so a loop that waited for events
   * could run for ever.
   */
  advance(n: number, maxSteps: number, untilNs = Number.POSITIVE_INFINITY): number {
    let steps = 0;
    const timed = untilNs !== Number.POSITIVE_INFINITY;
    while (steps < maxSteps && this.events.length < n) {
      if (timed) {
        const t = this.sim.nextTimeNs();
        if (t === null || t > untilNs) break;
      }
      if (!this.stepLive()) break;
      steps++;
    }
    return steps;
  }

  /** When the next step happens, or null when the run is over. */
  nextTimeNs(): number | null {
    return this.sim.nextTimeNs();
  }

  /** Compute forward through simulated time `tNs`. */
  extendToTime(tNs: number): void {
    for (;;) {
      const t = this.sim.nextTimeNs();
      if (t === null || t > tNs) return;
      this.stepLive();
    }
  }

  /** Compute to the end of the run, or until the log holds `maxEvents`. */
  extendToEnd(maxEvents = Number.MAX_SAFE_INTEGER): void {
    while (this.events.length < maxEvents && this.stepLive()) {
      /* stepping */
    }
  }

  /**
   * The state once the log holds at least `k` events (after the step that crosses `k`, and after
   * any intervention applied there): from the nearest checkpoint, replayed forward.
   */
  stateAt(k: number): SimState {
    const cp = this.checkpointStore.atOrBefore(k);
    const sim = Simulation.adopt(this.config, this.checkpointStore.unpack(cp));
    let count = cp.at;
    sim.setListener(() => count++);
    const pending = this.interventionList.filter((x) => x.atEvent > cp.at);
    let pi = 0;
    for (;;) {
      // Same rule as the live run: an intervention applies at the first step boundary >= atEvent.
      while (pi < pending.length && pending[pi]!.atEvent <= count) sim.intervene(pending[pi++]!.action);
      if (count >= k || !sim.step()) break;
    }
    return sim.snapshot();
  }

  /** The step boundary at or after event count `k` (where an intervention may be applied). */
  boundaryAtOrAfter(k: number): number {
    this.extendTo(k);
    const b = this.boundaries.atOrAfter(k);
    return b >= 0 ? b : this.events.length;
  }

  /**
   * Intervene once the log holds `k` events (snapped forward to a step boundary). If that is in
   * the past, the future after it is discarded (with the interventions made in it) and is
   * recomputed on demand. Returns the event count at which the intervention was applied.
   */
  intervene(k: number, action: Intervention): number {
    let at = this.boundaryAtOrAfter(k);
    if (at < this.events.length) {
      const state = this.stateAt(at);
      // Interventions already applied at `at` emitted events of their own (stateAt replayed
      // them): keep those and apply this one after them, where a replay will apply it too.
      at = state.eventCount;
      this.truncateLog(at);
      while (this.boundaries.length > 1 && this.boundaries.last > at) this.boundaries.length--;
      this.sim = Simulation.adopt(this.config, state, this.record);
    }
    // A checkpoint taken at `at` predates this intervention: stateAt must not start from it.
    this.checkpointStore.truncate(at - 1);
    this.interventionList = [...this.interventionList.filter((x) => x.atEvent <= at), { atEvent: at, action }];
    this.nextIv = this.interventionList.length - 1;
    this.applyDueInterventions();
    if (this.checkpointStore.count === 0) this.checkpointStore.add(this.events.length, this.sim.state);
    return at;
  }

  private applyDueInterventions(): void {
    let applied = false;
    while (this.nextIv < this.interventionList.length && this.interventionList[this.nextIv]!.atEvent <= this.events.length) {
      // atEvent is a step boundary when it came from intervene(); one given to the constructor
      // that falls inside a step applies at the next boundary (stateAt does the same).
      this.sim.intervene(this.interventionList[this.nextIv++]!.action);
      applied = true;
    }
    if (applied && this.boundaries.last !== this.events.length) this.boundaries.push(this.events.length);
  }

  private stepLive(): boolean {
    if (!this.sim.step()) return false;
    const n = this.events.length;
    if (this.boundaries.last !== n) this.boundaries.push(n);
    this.applyDueInterventions();
    if (this.checkpointStore.due(this.events.length, this.sim.state)) this.checkpointStore.add(this.events.length, this.sim.state);
    return true;
  }
}
