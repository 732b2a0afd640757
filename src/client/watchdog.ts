/**
 * The client's watch over the worker. The worker answers requests one at a time, in order, so
 * the oldest unanswered request is the one it works on: its time is counted from when it became
 * the oldest (a frame queued behind a load waits for the load first), and a request that outlives
 * its type's timeout means a worker that hangs or died. With nothing unanswered, a heartbeat
 * (`ping`, answered by `pong`) every `heartbeatMs` notices a worker that died without an `error`
 * event. Either way the client faults (E_WORKER_TIMEOUT, E_WORKER_SILENT) and the app offers Reset.
 */
import type { ToWorkerType } from '../protocol/messages.ts';

/**
 * How long each request may go unanswered once the worker can start it (ms). The host keeps every
 * request far shorter (an `extend` or a `load` with a target computes for its time budget, tens to
 * hundreds of ms); these leave room for a slow machine, a large guest's setup or a long replay.
 */
export const REQUEST_TIMEOUT_MS: Readonly<Record<ToWorkerType, number>> = {
  load: 30_000,
  intervene: 30_000,
  extend: 15_000,
  frame: 10_000,
  events: 10_000,
  landmarks: 10_000,
  history: 10_000,
  dispose: 10_000,
  ping: 5_000,
};

/** Idle time before a heartbeat (ms): with the ping's timeout, a silent death shows within ~7 s. */
export const HEARTBEAT_MS = 2_000;

/** Timers and a clock (the platform's by default; tests pass a manual one). */
export interface WatchClock {
  now(): number;
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const platformClock: WatchClock = {
  now: () => performance.now(),
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface WatchOptions {
  readonly clock?: WatchClock;
  /** Per request type; the rest from REQUEST_TIMEOUT_MS. */
  readonly timeouts?: Partial<Record<ToWorkerType, number>>;
  /** Ping after this much idle time; null: no heartbeat (the default of a bare SimClient). */
  readonly heartbeatMs?: number | null;
}

/** What the watch asks of its client. */
export interface WatchHooks {
  /** The type of the oldest unanswered request, or null. */
  readonly oldest: () => ToWorkerType | null;
  /** It has been unanswered for `ms`. */
  readonly expired: (type: ToWorkerType, ms: number) => void;
  /** Idle for the heartbeat's time: send a ping. */
  readonly beat: () => void;
}

export class RequestWatch {
  private readonly clock: WatchClock;
  private readonly timeouts: Readonly<Record<ToWorkerType, number>>;
  private readonly heartbeatMs: number | null;
  private timer: unknown = null;
  private since = 0;
  private stopped = false;

  constructor(
    opts: WatchOptions,
    private readonly hooks: WatchHooks,
  ) {
    this.clock = opts.clock ?? platformClock;
    this.timeouts = { ...REQUEST_TIMEOUT_MS, ...opts.timeouts };
    this.heartbeatMs = opts.heartbeatMs ?? null;
  }

  /** The oldest request changed (one posted to an empty queue, or the oldest answered): its time starts now. */
  restart(): void {
    this.since = this.clock.now();
    this.arm();
  }

  /** No more watching (the client closed or faulted). */
  stop(): void {
    this.stopped = true;
    this.clear();
  }

  private clear(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    this.clear();
    if (this.stopped) return;
    const type = this.hooks.oldest();
    if (type !== null) {
      const limit = this.timeouts[type];
      const left = Math.max(0, this.since + limit - this.clock.now());
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        if (!this.stopped && this.hooks.oldest() === type) this.hooks.expired(type, limit);
      }, left);
    } else if (this.heartbeatMs !== null) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null;
        if (!this.stopped && this.hooks.oldest() === null) this.hooks.beat();
      }, this.heartbeatMs);
    }
  }
}
