/**
 * The worker's logic, free of any platform: a request in, exactly one reply out. It owns the
 * hosted simulations by sim id, computes only when asked (the client chunks long runs with
 * `extend` requests) and turns every exception into an `error` reply.
 */
import { protocolError, type ProtocolError } from '../protocol/errors.ts';
import { parseToWorker } from '../protocol/guard.ts';
import { MAX_EVENT_WINDOW, type FromWorker, type SimId, type ToWorker } from '../protocol/messages.ts';
import { validateScenario } from '../scenario/validate.ts';
import { HostedSim, type RunBudget } from './sims.ts';

/** Default wall time a `load` computes towards its target (well inside the client's load timeout). */
const LOAD_BUDGET_MS = 250;

export interface HostOptions {
  /** Wall clock in ms for `extend` budgets (injected: the host itself uses no platform API). */
  readonly now?: () => number;
  /** Upper bound on `maxEvents` of one request (keeps one reply from blocking the worker). */
  readonly maxEventsPerRequest?: number;
  /** Wall time a `load` with a target may compute for (the client computes the rest in chunks). */
  readonly loadBudgetMs?: number;
  /** What one run may cost (default RUN_BUDGET; tests shrink it). */
  readonly runBudget?: RunBudget;
}

/** A request the host refuses, with the code to answer. */
class Refusal extends Error {
  readonly error: ProtocolError;
  constructor(error: ProtocolError) {
    super(error.message);
    this.error = error;
  }
}

export class SimHost {
  private readonly sims = new Map<SimId, HostedSim>();
  private readonly now: () => number;
  private readonly maxEvents: number;
  private readonly loadBudgetMs: number;
  private readonly runBudget: RunBudget | undefined;

  constructor(opts: HostOptions = {}) {
    this.now = opts.now ?? (() => Date.now());
    this.maxEvents = opts.maxEventsPerRequest ?? 1_000_000;
    this.loadBudgetMs = opts.loadBudgetMs ?? LOAD_BUDGET_MS;
    this.runBudget = opts.runBudget;
  }

  /** Ids of the hosted simulations. */
  get simIds(): SimId[] {
    return [...this.sims.keys()];
  }

  /** Answer one message. Never throws. */
  handle(raw: unknown): FromWorker {
    const parsed = parseToWorker(raw);
    if (!parsed.ok) return { type: 'error', id: parsed.id, sim: parsed.sim, error: parsed.error };
    const msg = parsed.value;
    try {
      return this.dispatch(msg);
    } catch (e) {
      const error =
        e instanceof Refusal
          ? e.error
          : protocolError(
              'E_WORKER_INTERNAL',
              `The simulation failed while answering ${msg.type}: ${e instanceof Error ? e.message : String(e)}`,
            );
      return { type: 'error', id: msg.id, sim: msg.sim, error };
    }
  }

  private sim(id: SimId): HostedSim {
    const s = this.sims.get(id);
    if (!s) throw new Refusal(protocolError('E_WORKER_UNKNOWN_SIM', `No simulation is loaded as "${id}".`));
    return s;
  }

  private budget(n: number): number {
    return Math.max(0, Math.min(Math.floor(n), this.maxEvents));
  }

  private dispatch(msg: ToWorker): FromWorker {
    const { id, sim } = msg;
    switch (msg.type) {
      case 'load': {
        const v = validateScenario(msg.scenario);
        if (!v.ok) throw new Refusal(v.error);
        this.sims.delete(sim);
        const h = new HostedSim(v.value, msg.interventions, this.runBudget);
        this.sims.set(sim, h);
        if (msg.target) h.extend(this.budget(msg.maxEvents), this.loadBudgetMs, msg.target, this.now);
        const cursor = msg.target ? h.cursorOf(msg.target) : msg.startAfterSetup ? h.timeline.setupEvents : 0;
        return { type: 'loaded', id, sim, meta: h.meta(), progress: h.progress(), frame: h.folder.frameAt(cursor, msg.detail) };
      }
      case 'frame': {
        const h = this.sim(sim);
        const frame = h.folder.frameAt(h.cursorOf(msg.target), msg.detail);
        const progress = h.progress();
        if (!msg.events) return { type: 'frame', id, sim, frame, progress };
        return { type: 'frame', id, sim, frame, progress, events: h.events(msg.events.from, msg.events.to, MAX_EVENT_WINDOW) };
      }
      case 'events': {
        const w = this.sim(sim).events(msg.from, msg.to, MAX_EVENT_WINDOW);
        return { type: 'events', id, sim, from: w.from, events: w.events };
      }
      case 'landmarks': {
        const h = this.sim(sim);
        return { type: 'landmarks', id, sim, from: msg.from, scanned: h.log.length, landmarks: h.landmarks(msg.from) };
      }
      case 'history': {
        const limit = Math.max(0, Math.min(Math.floor(msg.limit), MAX_EVENT_WINDOW));
        return { type: 'history', id, sim, page: msg.page, events: this.sim(sim).history(msg.page, msg.to, limit) };
      }
      case 'intervene': {
        const h = this.sim(sim);
        if (msg.cursor > h.log.length) {
          throw new Refusal(
            protocolError('E_WORKER_RANGE', `Cannot intervene at event ${msg.cursor}: only ${h.log.length} events are computed.`),
          );
        }
        const vcpus = h.timeline.config.vcpus.length;
        if ('vcpu' in msg.action && (msg.action.vcpu >= vcpus || msg.action.vcpu < 0)) {
          throw new Refusal(protocolError('E_WORKER_BAD_REQUEST', `There is no vCPU ${msg.action.vcpu} (the run has ${vcpus}).`));
        }
        const r = h.intervene(msg.cursor, msg.action);
        return {
          type: 'intervened',
          id,
          sim,
          at: r.at,
          cursor: r.cursor,
          meta: h.meta(),
          progress: h.progress(),
          frame: h.folder.frameAt(r.cursor, msg.detail),
        };
      }
      case 'extend': {
        const h = this.sim(sim);
        h.extend(this.budget(msg.maxEvents), msg.budgetMs, msg.until, this.now);
        const progress = h.progress();
        if (msg.landmarksFrom === undefined) return { type: 'extended', id, sim, progress };
        return {
          type: 'extended',
          id,
          sim,
          progress,
          landmarks: { from: msg.landmarksFrom, scanned: h.log.length, landmarks: h.landmarks(msg.landmarksFrom) },
        };
      }
      case 'dispose':
        this.sims.delete(sim);
        return { type: 'disposed', id, sim };
      case 'ping':
        return { type: 'pong', id, sim };
    }
  }
}
