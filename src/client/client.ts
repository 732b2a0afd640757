/**
 * The one client of the simulation host: promise-returning methods over a Transport. Replies are
 * matched to requests by id; a transport fault rejects everything pending (and every later call)
 * with a SimClientError carrying a code from the protocol's catalog.
 */
import type { ProtocolError, ProtocolErrorCode } from '../protocol/errors.ts';
import { protocolError } from '../protocol/errors.ts';
import {
  simId,
  DEFAULT_EXTEND_EVENTS,
  DEFAULT_HISTORY_LIMIT,
  REPLY_TYPE,
  type DetailMode,
  type EventRange,
  type FrameTarget,
  type FromWorker,
  type Landmark,
  type LandmarkScan,
  type Progress,
  type ReplyTo,
  type RequestBody,
  type SimId,
  type ToWorker,
  type ToWorkerType,
} from '../protocol/messages.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Intervention, SimEvent, TimedIntervention } from '../sim/public.ts';
import type { Transport } from './transport.ts';
import { RequestWatch, type WatchOptions } from './watchdog.ts';

/** The sim id a heartbeat carries (every request names one; the host ignores it for `ping`). */
const HEARTBEAT_SIM = simId('heartbeat');

/** A failed request: `code` is from the protocol's catalog (match on it, not on the message). */
export class SimClientError extends Error {
  readonly code: ProtocolErrorCode;
  readonly issues: readonly string[];
  constructor(error: ProtocolError) {
    super(error.message);
    this.name = 'SimClientError';
    this.code = error.code;
    this.issues = error.issues;
  }
  toProtocolError(): ProtocolError {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

export interface LoadOptions {
  readonly interventions?: readonly TimedIntervention[];
  /** Answer with the frame here (computing up to `maxEvents` to reach it). */
  readonly target?: FrameTarget | null;
  readonly maxEvents?: number;
  readonly detail?: DetailMode;
  /** With no target: the frame just after the setup events (meta.setupEvents) instead of cursor 0. */
  readonly startAfterSetup?: boolean;
}

export interface FrameOptions {
  /** Also send these events (the narration window): one round trip for a step and its narration. */
  readonly events?: EventRange;
}

export interface ExtendOptions {
  readonly maxEvents?: number;
  readonly budgetMs?: number | null;
  readonly until?: FrameTarget | null;
}

interface Pending {
  readonly type: ToWorkerType;
  readonly resolve: (msg: FromWorker) => void;
  readonly reject: (e: SimClientError) => void;
}

export class SimClient {
  private readonly transport: Transport;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private fault: ProtocolError | null = null;
  private readonly faultListeners = new Set<(e: ProtocolError) => void>();
  private readonly unlisten: () => void;
  private readonly watch: RequestWatch;

  /**
   * @param watch request timeouts (always on) and the heartbeat (off unless `heartbeatMs` is set);
   *   see watchdog.ts.
   */
  constructor(transport: Transport, watch: WatchOptions = {}) {
    this.transport = transport;
    this.watch = new RequestWatch(watch, {
      oldest: () => this.pending.values().next().value?.type ?? null,
      expired: (type, ms) => this.expired(type, ms),
      beat: () => void this.ping().catch(() => {}),
    });
    this.unlisten = transport.listen({ message: (m) => this.onMessage(m), fault: (e) => this.handleFault(e) });
    this.watch.restart();
  }

  /** The fault that broke this client, if any (then build a new client to recover). */
  get failed(): ProtocolError | null {
    return this.fault;
  }

  /** Called once when the transport faults; returns the unsubscribe function. */
  onFault(listener: (e: ProtocolError) => void): () => void {
    this.faultListeners.add(listener);
    return () => this.faultListeners.delete(listener);
  }

  /** Load (or reload) a scenario under `sim`. */
  load(sim: SimId, scenario: Scenario, opts: LoadOptions = {}): Promise<ReplyTo<'load'>> {
    return this.request('load', {
      sim,
      scenario,
      interventions: opts.interventions ?? [],
      target: opts.target ?? null,
      maxEvents: opts.maxEvents ?? DEFAULT_EXTEND_EVENTS,
      detail: opts.detail ?? 'auto',
      ...(opts.startAfterSetup ? { startAfterSetup: true } : {}),
    });
  }

  /** The frame at a cursor or a time (clamped to what is computed), with events if asked. */
  frame(sim: SimId, target: FrameTarget, detail: DetailMode = 'auto', opts: FrameOptions = {}): Promise<ReplyTo<'frame'>> {
    return this.request('frame', { sim, target, detail, ...(opts.events ? { events: opts.events } : {}) });
  }

  /** Events [from, to), clamped to what is computed. */
  async events(sim: SimId, from: number, to: number): Promise<readonly SimEvent[]> {
    return (await this.request('events', { sim, from, to })).events;
  }

  /** Landmarks with index >= from, and how many events were scanned. */
  async landmarks(sim: SimId, from = 0): Promise<{ readonly landmarks: readonly Landmark[]; readonly scanned: number }> {
    const r = await this.request('landmarks', { sim, from });
    return { landmarks: r.landmarks, scanned: r.scanned };
  }

  /** The last `limit` events before `to` that touched page `page`. */
  async history(sim: SimId, page: number, to: number, limit = DEFAULT_HISTORY_LIMIT): Promise<readonly SimEvent[]> {
    return (await this.request('history', { sim, page, to, limit })).events;
  }

  /** Intervene at `cursor` (forks the future); the reply carries the new cursor and its frame. */
  intervene(sim: SimId, cursor: number, action: Intervention, detail: DetailMode = 'auto'): Promise<ReplyTo<'intervene'>> {
    return this.request('intervene', { sim, cursor, action, detail });
  }

  /** Compute further (one bounded chunk). */
  async extend(sim: SimId, opts: ExtendOptions = {}): Promise<Progress> {
    const r = await this.request('extend', {
      sim,
      maxEvents: opts.maxEvents ?? DEFAULT_EXTEND_EVENTS,
      budgetMs: opts.budgetMs ?? null,
      until: opts.until ?? null,
    });
    return r.progress;
  }

  /** Compute further (one bounded chunk); the reply also carries the landmarks from `landmarksFrom` on. */
  async extendScanning(
    sim: SimId,
    landmarksFrom: number,
    opts: ExtendOptions = {},
  ): Promise<{ readonly progress: Progress; readonly landmarks: LandmarkScan }> {
    const r = await this.request('extend', {
      sim,
      maxEvents: opts.maxEvents ?? DEFAULT_EXTEND_EVENTS,
      budgetMs: opts.budgetMs ?? null,
      until: opts.until ?? null,
      landmarksFrom,
    });
    return { progress: r.progress, landmarks: r.landmarks ?? { from: landmarksFrom, scanned: landmarksFrom, landmarks: [] } };
  }

  async dispose(sim: SimId): Promise<void> {
    await this.request('dispose', { sim });
  }

  /** The heartbeat: resolves when the worker answers. */
  async ping(): Promise<void> {
    await this.request('ping', { sim: HEARTBEAT_SIM });
  }

  /** Reject what is pending and stop the host. */
  close(): void {
    this.watch.stop();
    this.unlisten();
    this.rejectAll(protocolError('E_WORKER_CLOSED', 'The simulation client was closed.'));
    this.fault ??= protocolError('E_WORKER_CLOSED', 'The simulation client was closed.');
    this.transport.close();
  }

  private request<T extends ToWorkerType>(type: T, body: Omit<RequestBody<T>, 'type'>): Promise<ReplyTo<T>> {
    if (this.fault) return Promise.reject(new SimClientError(this.fault));
    const id = this.nextId++;
    const msg = { ...body, type, id } as unknown as ToWorker;
    return new Promise<ReplyTo<T>>((resolve, reject) => {
      this.pending.set(id, { type: msg.type, resolve: resolve as (m: FromWorker) => void, reject });
      if (this.pending.size === 1) this.watch.restart();
      try {
        this.transport.post(msg);
      } catch (e) {
        this.pending.delete(id);
        reject(
          new SimClientError(
            protocolError('E_WORKER_MESSAGE', `The request could not be sent: ${e instanceof Error ? e.message : String(e)}`),
          ),
        );
      }
    });
  }

  private onMessage(msg: FromWorker): void {
    if (msg.type === 'error' && msg.id === null) {
      // An unreadable request: nothing to match it to; treat it as a protocol fault.
      this.handleFault(msg.error);
      return;
    }
    const p = this.pending.get(msg.id as number);
    if (!p) return;
    const oldest = this.pending.keys().next().value === msg.id;
    this.pending.delete(msg.id as number);
    // The worker moves on to the next request: its time starts now (or the heartbeat's).
    if (oldest) this.watch.restart();
    if (msg.type === 'error') p.reject(new SimClientError(msg.error));
    else if (msg.type !== REPLY_TYPE[p.type])
      p.reject(new SimClientError(protocolError('E_WORKER_BAD_REQUEST', `A ${p.type} request was answered with ${msg.type}.`)));
    else p.resolve(msg);
  }

  /** A request outlived its timeout: the worker hangs or died silently. Stop it; the app offers Reset. */
  private expired(type: ToWorkerType, ms: number): void {
    const s = `${ms / 1000} s`;
    this.handleFault(
      type === 'ping'
        ? protocolError('E_WORKER_SILENT', `The simulation worker stopped answering (its heartbeat got no reply in ${s}).`)
        : protocolError('E_WORKER_TIMEOUT', `The simulation worker did not answer a ${type} request in ${s}: it is stuck or has stopped.`),
    );
  }

  private handleFault(error: ProtocolError): void {
    if (this.fault) return;
    this.fault = error;
    this.watch.stop();
    this.rejectAll(error);
    // A worker that hangs would go on burning a core: stop it (a dead one, harmlessly).
    this.unlisten();
    this.transport.close();
    for (const l of this.faultListeners) l(error);
  }

  private rejectAll(error: ProtocolError): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(new SimClientError(error));
  }
}
