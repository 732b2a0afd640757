/**
 * The time machine: a run's event log, checkpoints of the state, seek and fork. Interventions
 * are keyed by the event index at which they were applied, so a run is fully described by
 * (config, interventions) and replays to the identical log.
 */
import { cloneState } from './clone.ts';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import type { Intervention, SimConfig, SimState } from './types.ts';

export interface TimedIntervention {
  /** Applied when the log holds exactly this many events (always a step boundary). */
  readonly atEvent: number;
  readonly action: Intervention;
}

export interface TimelineOptions {
  /** Events between checkpoints to start with; doubles whenever the checkpoint budget is full. */
  readonly checkpointEvery?: number;
  readonly maxCheckpoints?: number;
}

interface Checkpoint {
  readonly eventCount: number;
  readonly state: SimState;
}

export class Timeline {
  readonly config: SimConfig;
  /** Every event so far, in order (`log[i].i === i`). */
  readonly log: SimEvent[] = [];
  private sim: Simulation;
  private checkpoints: Checkpoint[] = [];
  private every: number;
  private readonly maxCheckpoints: number;
  private interventionList: TimedIntervention[];
  /** Event counts that are step boundaries (to snap a fork point). */
  private readonly boundaries: number[] = [0];

  /** Next entry of `interventionList` the live simulation has not applied yet. */
  private nextIv = 0;

  constructor(config: SimConfig, interventions: readonly TimedIntervention[] = [], opts: TimelineOptions = {}) {
    this.config = config;
    this.every = opts.checkpointEvery ?? 2048;
    this.maxCheckpoints = opts.maxCheckpoints ?? 48;
    this.interventionList = [...interventions].sort((a, b) => a.atEvent - b.atEvent);
    this.sim = Simulation.create(config, (e) => this.log.push(e));
    this.boundaries[0] = this.log.length;
    this.applyDueInterventions();
    // A checkpoint's state includes the interventions applied at its event count.
    this.checkpoints.push({ eventCount: this.log.length, state: this.sim.snapshot() });
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
    while (this.log.length < n && this.stepLive()) {
      /* stepping */
    }
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
    while (this.log.length < maxEvents && this.stepLive()) {
      /* stepping */
    }
  }

  /**
   * The state once the log holds at least `k` events (after the step that crosses `k`, and after
   * any intervention applied there): from the nearest checkpoint, replayed forward.
   */
  stateAt(k: number): SimState {
    const cp = this.checkpointAtOrBefore(k);
    const sim = Simulation.restore(this.config, cp.state);
    let count = cp.eventCount;
    sim.setListener(() => count++);
    const pending = this.interventionList.filter((x) => x.atEvent > cp.eventCount);
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
    let lo = 0;
    let hi = this.boundaries.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.boundaries[mid]! >= k) hi = mid;
      else lo = mid + 1;
    }
    return this.boundaries[lo]! >= k ? this.boundaries[lo]! : this.log.length;
  }

  /**
   * Intervene once the log holds `k` events (snapped forward to a step boundary). If that is in
   * the past, the future after it is discarded (with the interventions made in it) and is
   * recomputed on demand. Returns the event count at which the intervention was applied.
   */
  intervene(k: number, action: Intervention): number {
    let at = this.boundaryAtOrAfter(k);
    if (at < this.log.length) {
      const state = this.stateAt(at);
      // Interventions already applied at `at` emitted events of their own (stateAt replayed
      // them): keep those and apply this one after them, where a replay will apply it too.
      at = state.eventCount;
      this.log.length = at;
      while (this.boundaries.length > 1 && this.boundaries[this.boundaries.length - 1]! > at) this.boundaries.pop();
      this.sim = Simulation.restore(this.config, state, (e) => this.log.push(e));
    }
    // A checkpoint taken at `at` predates this intervention: stateAt must not start from it.
    this.checkpoints = this.checkpoints.filter((c) => c.eventCount < at);
    this.interventionList = [...this.interventionList.filter((x) => x.atEvent <= at), { atEvent: at, action }];
    this.nextIv = this.interventionList.length - 1;
    this.applyDueInterventions();
    if (this.checkpoints.length === 0) this.checkpoints.push({ eventCount: this.log.length, state: this.sim.snapshot() });
    return at;
  }

  private applyDueInterventions(): void {
    let applied = false;
    while (this.nextIv < this.interventionList.length && this.interventionList[this.nextIv]!.atEvent <= this.log.length) {
      // atEvent is a step boundary when it came from intervene(); one given to the constructor
      // that falls inside a step applies at the next boundary (stateAt does the same).
      this.sim.intervene(this.interventionList[this.nextIv++]!.action);
      applied = true;
    }
    if (applied && this.boundaries[this.boundaries.length - 1] !== this.log.length) this.boundaries.push(this.log.length);
  }

  private stepLive(): boolean {
    if (!this.sim.step()) return false;
    if (this.boundaries[this.boundaries.length - 1] !== this.log.length) this.boundaries.push(this.log.length);
    this.applyDueInterventions();
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    if (this.log.length - last.eventCount >= this.every) this.takeCheckpoint();
    return true;
  }

  private takeCheckpoint(): void {
    this.checkpoints.push({ eventCount: this.log.length, state: cloneState(this.sim.state) });
    if (this.checkpoints.length > this.maxCheckpoints) {
      // Thin out: keep the first and every other one after it; space new ones twice as far.
      this.checkpoints = this.checkpoints.filter((_, i) => i % 2 === 0);
      this.every *= 2;
    }
  }

  private checkpointAtOrBefore(k: number): Checkpoint {
    let best = this.checkpoints[0]!;
    for (const c of this.checkpoints) {
      if (c.eventCount <= k) best = c;
      else break;
    }
    return best;
  }
}
