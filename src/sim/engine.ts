/**
 * The simulation: a discrete-event loop over the actors (vCPUs, the zapper, the shrinker) and
 * the scripted interventions. Deterministic: the same config (seed included) and the same
 * interventions at the same event indices give the same event log.
 */
import { emit, makeCtx, tokenOf, wake, type Ctx } from './ctx.ts';
import type { SimEvent } from './events.ts';
import { kick } from './requests.ts';
import { heapPeek, heapPop } from './queue.ts';
import { boot, initialState } from './setup.ts';
import { shrinkerStep } from './shrinker.ts';
import { cloneState } from './clone.ts';
import type { Intervention, SimConfig, SimState } from './types.ts';
import { SHRINKER, ZAPPER } from './actors.ts';
import { vcpuStep } from './vcpu.ts';
import { zapperStep } from './zapper.ts';

export type EventListener = (e: SimEvent) => void;

export class Simulation {
  readonly config: SimConfig;
  private s: SimState;
  private ctx: Ctx;
  private listener: EventListener;

  private constructor(config: SimConfig, s: SimState, listener: EventListener) {
    this.config = config;
    this.s = s;
    this.listener = listener;
    this.ctx = makeCtx(s, config, (e) => this.listener(e));
  }

  /** A new run from t = 0: builds (and, if configured, pre-populates) the VM. */
  static create(config: SimConfig, listener: EventListener = () => {}): Simulation {
    const sim = new Simulation(config, initialState(config), listener);
    boot(sim.ctx);
    return sim;
  }

  /** Continue from a snapshot taken by `snapshot()` (the snapshot is copied, not adopted). */
  static restore(config: SimConfig, snap: SimState, listener: EventListener = () => {}): Simulation {
    return new Simulation(config, cloneState(snap), listener);
  }

  /** Continue from a state the caller hands over (not copied: it must not be used elsewhere). */
  static adopt(config: SimConfig, state: SimState, listener: EventListener = () => {}): Simulation {
    return new Simulation(config, state, listener);
  }

  setListener(listener: EventListener): void {
    this.listener = listener;
  }

  /** The live state: read it, never write it. */
  get state(): Readonly<SimState> {
    return this.s;
  }

  snapshot(): SimState {
    return cloneState(this.s);
  }

  /** The time of the next thing that will happen, or null if nothing will within the duration. */
  nextTimeNs(): number | null {
    this.dropStale();
    const w = heapPeek(this.s.queue);
    const sc = this.s.script[0];
    let t: number | null = w ? w.tNs : null;
    if (sc && (t === null || sc.atNs <= t)) t = sc.atNs;
    return t !== null && t <= this.config.durationNs ? t : null;
  }

  get done(): boolean {
    return this.nextTimeNs() === null;
  }

  /** Run one step: one actor's step or one scripted intervention. False when nothing is left. */
  step(): boolean {
    const t = this.nextTimeNs();
    if (t === null) return false;
    const s = this.s;
    const sc = s.script[0];
    if (sc && sc.atNs === t && (heapPeek(s.queue)?.tNs ?? Infinity) >= t) {
      s.script.shift();
      s.tNs = Math.max(s.tNs, sc.atNs);
      this.apply(sc.action);
      return true;
    }
    const w = heapPop(s.queue)!;
    s.tNs = w.tNs;
    if (w.actor >= 0) vcpuStep(this.ctx, w.actor);
    else if (w.actor === ZAPPER) zapperStep(this.ctx);
    else if (w.actor === SHRINKER) shrinkerStep(this.ctx);
    return true;
  }

  /** Run until the event count reaches `n` (or nothing is left). */
  runToEvent(n: number): void {
    while (this.s.eventCount < n && this.step()) {
      /* stepping */
    }
  }

  /** Run every step at or before `tNs`. */
  runToTime(tNs: number): void {
    for (;;) {
      const t = this.nextTimeNs();
      if (t === null || t > tNs) break;
      this.step();
    }
    if (this.s.tNs < tNs) this.s.tNs = Math.min(tNs, this.config.durationNs);
  }

  runToEnd(): void {
    while (this.step()) {
      /* stepping */
    }
  }

  /** Apply an intervention now (at the current simulated time). */
  intervene(action: Intervention): void {
    this.apply(action);
  }

  private dropStale(): void {
    const s = this.s;
    for (;;) {
      const w = heapPeek(s.queue);
      if (!w || w.token === tokenOf(s, w.actor)) return;
      heapPop(s.queue);
    }
  }

  private apply(action: Intervention): void {
    const ctx = this.ctx;
    const s = this.s;
    switch (action.type) {
      case 'memslot-delete':
      case 'bump-generation': {
        s.zapper.queue.push(action.type === 'memslot-delete' ? { type: 'invalidate', cause: 'memslot-delete' } : { type: 'bump-only' });
        // An idle zapper with a queued job always has a wake-up pending: add one only for the first.
        if (s.zapper.pc === 'idle' && s.zapper.queue.length === 1) wake(ctx, ZAPPER, 0);
        return;
      }
      case 'shrink': {
        const wasIdle = s.shrinker.pc === 'idle' && s.shrinker.pending === 0;
        s.shrinker.pending += action.calls;
        if (wasIdle && action.calls > 0) wake(ctx, SHRINKER, 0);
        return;
      }
      case 'pause-vcpu': {
        const v = s.vcpus[action.vcpu];
        if (!v || v.paused) return;
        v.paused = true;
        emit(ctx, v.id, { type: 'vcpu.paused', fn: 'kvm_vcpu_block', vcpu: v.id });
        if (v.inGuest) kick(ctx, v.id, 'pause');
        return;
      }
      case 'resume-vcpu': {
        const v = s.vcpus[action.vcpu];
        if (!v || !v.paused) return;
        v.paused = false;
        emit(ctx, v.id, { type: 'vcpu.resumed', fn: 'kvm_vcpu_block', vcpu: v.id });
        if (v.pc === 'parked') {
          v.pc = 'enter';
          v.activity = 'exiting';
          wake(ctx, v.id, 0);
        }
        return;
      }
      case 'set-workload': {
        const v = s.vcpus[action.vcpu];
        if (!v) return;
        v.workload = action.workload;
        v.seqCursor = 0;
        emit(ctx, v.id, { type: 'workload.changed', fn: 'vcpu_enter_guest', vcpu: v.id, workload: action.workload });
        if (v.inGuest) {
          v.wakeToken++;
          v.pc = 'run';
          wake(ctx, v.id, 0);
        }
        return;
      }
    }
  }
}
