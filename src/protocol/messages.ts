/**
 * The only contract between the UI thread and the simulation worker: `ToWorker` requests and
 * `FromWorker` replies, discriminated on `type`. Every message names its simulation (`sim`), so
 * several runs can share one worker and one clock, and carries the request id it answers.
 * The worker answers each request with exactly one reply (its own type, or `error`), in order.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { Intervention, SimEvent, SimEventType, Strategy, TimedIntervention } from '../sim/public.ts';
import type { Frame } from '../trace/frame.ts';
import type { ProtocolError } from './errors.ts';

/** Names one simulation hosted by the worker (branded so a plain string is not taken by mistake). */
export type SimId = string & { readonly __simId: true };
/** Brand a string as a sim id. */
export const simId = (name: string): SimId => name as SimId;
/** The sim the app shows when there is only one. */
export const MAIN_SIM: SimId = simId('main');

/** Where a frame is wanted: after `cursor` events, or after every event at or before `tNs`. */
export type FrameTarget = { readonly type: 'cursor'; readonly cursor: number } | { readonly type: 'time'; readonly tNs: number };

/** `auto`: per-page detail when the run is small enough; `aggregate`: counts only. */
export type DetailMode = 'auto' | 'aggregate';

/**
 * Why the worker stopped computing a run before its end: its log reached RUN_BUDGET's events, the
 * log and checkpoints its bytes, or the simulation its guest accesses (a horizon in simulated
 * time the estimate gives before the run, so every load of the scenario stops at the same step).
 */
export interface RunCut {
  readonly reason: 'events' | 'memory' | 'work';
  /** Simulated time computed when it stopped. */
  readonly atNs: number;
  readonly events: number;
  readonly bytes: number;
}

/** How far the run has been computed. */
export interface Progress {
  /** Events computed (the log's length). */
  readonly events: number;
  /** Simulated time of the last computed event. */
  readonly tNs: number;
  /**
   * Simulated time the computation has reached (every step up to it has run; it can be far past
   * the last event when steps emit none). The run's duration once done.
   */
  readonly reachedNs: number;
  /** Nothing more will be computed: the run ended within its duration, or was cut. */
  readonly done: boolean;
  readonly durationNs: number;
  /** Set when a budget stopped the run before its end (then `done` is true). */
  readonly cut: RunCut | null;
}

/** What the UI needs to know about a loaded run besides its frames. */
export interface SimMeta {
  readonly name: string;
  readonly strategy: Strategy;
  readonly vcpus: number;
  readonly durationNs: number;
  /** Interventions made interactively, keyed by event index (scripted ones are in the scenario). */
  readonly interventions: readonly TimedIntervention[];
  /** Events emitted by the setup (pre-populated map, roots loaded): the cursor just after them. */
  readonly setupEvents: number;
}

/** A scrubber tick: an event whose type is in LANDMARK_TYPES. */
export interface Landmark {
  readonly i: number;
  readonly tNs: number;
  readonly type: SimEventType;
}

/** Events [from, to) wanted along with a frame (clamped like an `events` request). */
export interface EventRange {
  readonly from: number;
  readonly to: number;
}

/** Events `from`, `from + 1`, ... as sent. */
interface EventSlice {
  readonly from: number;
  readonly events: readonly SimEvent[];
}

/** Landmarks found among the events [from, scanned). */
export interface LandmarkScan {
  readonly from: number;
  /** Events scanned: ask from here next time. */
  readonly scanned: number;
  readonly landmarks: readonly Landmark[];
}

/** What every request and reply carries: its type, the request id (chosen by the client, echoed by the reply) and the sim. */
type Envelope<T extends string> = { readonly type: T; readonly id: number; readonly sim: SimId };
type Req<T extends string> = Envelope<T>;

/** Requests, UI thread → worker. */
export type ToWorker =
  | (Req<'load'> & {
      /** A validated scenario (the worker validates it again). */
      readonly scenario: Scenario;
      readonly interventions: readonly TimedIntervention[];
      /** Compute up to here (bounded by `maxEvents`) and answer with the frame there; null = cursor 0. */
      readonly target: FrameTarget | null;
      readonly maxEvents: number;
      readonly detail: DetailMode;
      /** With no target: answer with the frame just after the setup events (meta.setupEvents), not cursor 0. */
      readonly startAfterSetup?: boolean;
    })
  /** The frame at `target`; with `events`, also those events (one round trip for a step and its narration). */
  | (Req<'frame'> & { readonly target: FrameTarget; readonly detail: DetailMode; readonly events?: EventRange })
  /** Events [from, to), clamped to what is computed; at most MAX_EVENT_WINDOW. */
  | (Req<'events'> & { readonly from: number; readonly to: number })
  /** Landmarks with index >= from among the computed events. */
  | (Req<'landmarks'> & { readonly from: number })
  /** Events that touched one page (created, linked, prepared, parked, freed, roots) before `to`. */
  | (Req<'history'> & { readonly page: number; readonly to: number; readonly limit: number })
  /** Intervene once `cursor` events are applied (snapped to a step boundary); forks the future. */
  | (Req<'intervene'> & { readonly cursor: number; readonly action: Intervention; readonly detail: DetailMode })
  /**
   * Compute further: at most `maxEvents` (and `budgetMs` of wall time, if set), stopping at `until`.
   * With `landmarksFrom`, the reply also carries the landmarks from there on.
   */
  | (Req<'extend'> & {
      readonly maxEvents: number;
      readonly budgetMs: number | null;
      readonly until: FrameTarget | null;
      readonly landmarksFrom?: number;
    })
  | Req<'dispose'>
  /** The heartbeat: answered with `pong` at once (a worker that does not answer is dead or hung). */
  | Req<'ping'>;

type Rep<T extends string> = Envelope<T>;

/** Replies, worker → UI thread. */
export type FromWorker =
  | (Rep<'loaded'> & { readonly meta: SimMeta; readonly progress: Progress; readonly frame: Frame })
  | (Rep<'frame'> & { readonly frame: Frame; readonly progress: Progress; readonly events?: EventSlice })
  | (Rep<'events'> & { readonly from: number; readonly events: readonly SimEvent[] })
  | (Rep<'landmarks'> & LandmarkScan)
  | (Rep<'history'> & { readonly page: number; readonly events: readonly SimEvent[] })
  | (Rep<'intervened'> & {
      /** The event count at which it was applied (a step boundary at or after the requested cursor). */
      readonly at: number;
      /** The cursor after the intervention's own events (what the UI should show). */
      readonly cursor: number;
      readonly meta: SimMeta;
      readonly progress: Progress;
      readonly frame: Frame;
    })
  | (Rep<'extended'> & { readonly progress: Progress; readonly landmarks?: LandmarkScan })
  | Rep<'disposed'>
  | Rep<'pong'>
  | {
      readonly type: 'error';
      /** The failed request's id, or null when the message was not readable as a request. */
      readonly id: number | null;
      readonly sim: SimId | null;
      readonly error: ProtocolError;
    };

export type ToWorkerType = ToWorker['type'];
export type FromWorkerType = FromWorker['type'];

/** Which reply answers which request. */
export interface ReplyTypeOf {
  load: 'loaded';
  frame: 'frame';
  events: 'events';
  landmarks: 'landmarks';
  history: 'history';
  intervene: 'intervened';
  extend: 'extended';
  dispose: 'disposed';
  ping: 'pong';
}
/** The same mapping as a value (the client checks replies against it). */
export const REPLY_TYPE: ReplyTypeOf = {
  load: 'loaded',
  frame: 'frame',
  events: 'events',
  landmarks: 'landmarks',
  history: 'history',
  intervene: 'intervened',
  extend: 'extended',
  dispose: 'disposed',
  ping: 'pong',
};
/** The reply to a request of type T. */
export type ReplyTo<T extends ToWorkerType> = Extract<FromWorker, { type: ReplyTypeOf[T] }>;
/** A request of type T without the id the client assigns. */
export type RequestBody<T extends ToWorkerType> = Omit<Extract<ToWorker, { type: T }>, 'id'>;

/** Bounds a reply's size (events per `events` reply, default history length). */
export const MAX_EVENT_WINDOW = 5000;
export const DEFAULT_HISTORY_LIMIT = 200;
/** Default events computed per `extend` request when the caller has no better idea. */
export const DEFAULT_EXTEND_EVENTS = 20_000;

/** Buffers to transfer (not copy) with a reply: an aggregated frame's state strip. */
export function transferablesOf(msg: FromWorker): ArrayBuffer[] {
  const frame = msg.type === 'frame' || msg.type === 'loaded' || msg.type === 'intervened' ? msg.frame : null;
  const buf = frame?.activeStates?.buffer;
  return buf instanceof ArrayBuffer ? [buf] : [];
}
