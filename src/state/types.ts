/**
 * The shape of the app's store, one slice per concern: per-sim data (frame, meta, landmarks, a
 * bounded event window), one playback clock shared by every sim, view state and UI state, plus
 * the actions of every slice in one object. Components read it through the selector hooks in
 * hooks.ts; they never talk to the client directly.
 */
import type { DetailMode, Landmark, Progress, SimId, SimMeta } from '../protocol/messages.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Intervention, SimEvent, TimedIntervention } from '../sim/public.ts';
import type { Frame } from '../trace/frame.ts';

/** Events around the cursor for the narration panel: `events[k]` is event `from + k`. Bounded. */
interface EventWindow {
  readonly from: number;
  readonly events: readonly SimEvent[];
}

type SimStatus = 'empty' | 'loading' | 'ready' | 'error';

/** One simulation as the UI knows it. */
export interface SimSlot {
  readonly id: SimId;
  readonly status: SimStatus;
  readonly scenario: Scenario | null;
  readonly meta: SimMeta | null;
  /** How far the worker has computed (events, sim time, done): the progress indicator. */
  readonly progress: Progress | null;
  /** The worker is computing ahead in chunks. */
  readonly computing: boolean;
  /** The user stopped computing ahead: the run is usable up to where it got. */
  readonly computeStopped: boolean;
  /** The picture at this sim's current cursor. */
  readonly frame: Frame | null;
  /** Scrubber ticks among the computed events. */
  readonly landmarks: readonly Landmark[];
  readonly window: EventWindow;
}

export interface PlaybackState {
  /** The sim that step/seek/landmark actions address; the others follow by time. */
  readonly primary: SimId;
  /**
   * The primary sim's cursor (events applied): the one shown, or the one asked for while its run
   * is computed that far or when its frame could not be had. A step's frame, cursor and clock
   * land together (one store update, one render).
   */
  readonly cursor: number;
  /** The shared clock: simulated ns shown by every sim. */
  readonly tNs: number;
  readonly playing: boolean;
  /** Index into SPEEDS_NS_PER_S. */
  readonly speedIndex: number;
}

export interface ViewState {
  readonly selectedPage: number | null;
  /** Zoom factor of the forest (1 = fit). */
  readonly zoom: number;
  /** 'aggregate' forces the grouped view; 'auto' shows pages when within the detail limit. */
  readonly mode: DetailMode;
}

/** An error shown to the user. `resettable`: the worker is gone; offer the reset action. */
interface UiError {
  readonly code: string;
  readonly message: string;
  readonly resettable: boolean;
}

export interface UiState {
  readonly helpOpen: boolean;
  readonly error: UiError | null;
  /** `prefers-reduced-motion: reduce` (renderers skip tweens; the store behaves the same). */
  readonly reducedMotion: boolean;
}

export interface LoadScenarioOptions {
  /** Default: the primary sim. */
  readonly sim?: SimId;
  readonly interventions?: readonly TimedIntervention[];
  /** Start at this cursor (e.g. from a link). */
  readonly cursor?: number;
  /**
   * With no `cursor`: open just after the setup events (the pre-populated map, the roots loaded)
   * rather than at cursor 0. Default: the store's `startAfterSetup` option (true unless set).
   */
  readonly startAfterSetup?: boolean;
}

/** Actions of the sims slice (simsSlice.ts). */
export interface SimsActions {
  readonly loadScenario: (scenario: Scenario, opts?: LoadScenarioOptions) => Promise<void>;
  /** Drop a sim (e.g. closing the comparison view). */
  readonly unloadSim: (sim: SimId) => Promise<void>;
  /** Apply an intervention at the current cursor of `sim` (default: primary); forks its future. */
  readonly intervene: (action: Intervention, sim?: SimId) => Promise<void>;
  /** Events that touched a page, up to the current cursor (for the inspector's history). */
  readonly pageHistory: (page: number, sim?: SimId) => Promise<readonly SimEvent[]>;
}

/** Actions of the playback slice (playbackSlice.ts). */
export interface PlaybackActions {
  readonly play: () => void;
  readonly pause: () => void;
  readonly togglePlay: () => void;
  readonly stepForward: () => Promise<void>;
  readonly stepBack: () => Promise<void>;
  /** To just after the next / previous landmark event (generation bump, lock break, ...). */
  readonly nextLandmark: () => Promise<void>;
  readonly prevLandmark: () => Promise<void>;
  /** The primary sim to `cursor` events applied; the others to its time. */
  readonly seek: (cursor: number) => Promise<void>;
  /** Every sim to simulated time `tNs`. */
  readonly seekTime: (tNs: number) => Promise<void>;
  readonly setSpeedIndex: (index: number) => void;
  readonly faster: () => void;
  readonly slower: () => void;
}

/** Actions of computing ahead (computeAhead.ts). */
export interface ComputeActions {
  /** Stop computing ahead, every sim (Stop computing): what is computed stays usable. */
  readonly stopComputing: () => void;
  /** Compute the rest again after a stop. */
  readonly continueComputing: () => void;
}

/** Actions of the view slice (viewSlice.ts). */
export interface ViewActions {
  readonly selectPage: (page: number | null) => void;
  readonly setZoom: (zoom: number) => void;
  readonly setDetailMode: (mode: DetailMode) => void;
}

/** Actions of the ui slice (uiSlice.ts). */
export interface UiActions {
  readonly setHelpOpen: (open: boolean) => void;
  readonly toggleHelp: () => void;
  readonly setReducedMotion: (reduce: boolean) => void;
  readonly dismissError: () => void;
}

/** Actions over the whole store (store.ts). */
export interface LifecycleActions {
  /**
   * After a worker failure: a new worker, every sim reopened at its last good moment (its
   * scenario, the interventions made, the cursor shown or asked for).
   */
  readonly reset: () => Promise<void>;
  /** Stop the play loop and the worker (unmount). */
  readonly destroy: () => void;
}

/**
 * Every action; the object is created once, so selecting it never re-renders. Properties, not
 * methods: each is a plain function that needs no `this`, safe to pass around unbound.
 */
export interface Actions extends SimsActions, PlaybackActions, ComputeActions, ViewActions, UiActions, LifecycleActions {}

export interface FastZapState {
  readonly sims: Readonly<Record<string, SimSlot>>;
  readonly playback: PlaybackState;
  readonly view: ViewState;
  readonly ui: UiState;
  readonly actions: Actions;
}
