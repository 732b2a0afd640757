/**
 * What the store's actions share and components never see: the client, per-sim bookkeeping
 * (the latest-wins frame pump, the compute-ahead loop, epochs that void stale replies) and the
 * helpers that write the results into the store.
 */
import type { SimClient } from '../client/client.ts';
import { SimClientError } from '../client/client.ts';
import type { FrameTarget, LandmarkScan, Progress, SimId } from '../protocol/messages.ts';
import type { FastZapState, PlaybackState, SimSlot } from './types.ts';

export interface StoreTuning {
  /** Events kept on each side of the cursor in the narration window. */
  readonly windowRadius: number;
  /** One compute-ahead request: at most this many events and this much worker time. */
  readonly chunkEvents: number;
  readonly chunkBudgetMs: number;
  /**
   * Worker time of one compute-ahead request while the user steps or seeks (a frame asked for
   * waits behind at most one such chunk in the worker's queue).
   */
  readonly interactiveChunkBudgetMs: number;
  /** How long after a step or seek compute-ahead keeps to the interactive budget. */
  readonly interactiveMs: number;
  /**
   * Compute-ahead writes progress and landmarks to the store at most this often (each write
   * re-renders what shows them); frames always carry the latest progress.
   */
  readonly progressEveryMs: number;
  /** Compute the whole run in the background after a load (progress indicator). */
  readonly autoCompute: boolean;
}

/** A frame asked for, and what to do when it lands. */
export interface FrameRequest {
  readonly target: FrameTarget;
  /** Set the clock (playback.tNs) to the frame's time too (a cursor seek of the primary). */
  readonly syncClock: boolean;
}

export interface SimRuntime {
  /** Bumped by load/unload: replies for an older epoch are dropped. */
  epoch: number;
  /** Latest frame request not yet sent (latest wins). */
  pending: FrameRequest | null;
  /** The running frame pump, if any. */
  pump: Promise<void> | null;
  computing: boolean;
  /** Events already scanned for landmarks. */
  landmarkScan: number;
  /** Landmarks scanned by compute-ahead and not yet written to the store. */
  landmarkBuffer: LandmarkScan | null;
  /** Progress from compute-ahead not yet written to the store. */
  progressBuffer: Progress | null;
  /** When progress was last written to the store (ms, the store's clock). */
  lastProgressMs: number;
  /** When the user last asked for a frame by stepping or seeking (ms, the store's clock). */
  lastSeekMs: number;
  /** The cursor a step or seek asked for whose frame has not landed (steps count from it). */
  wantCursor: number | null;
  windowBusy: boolean;
}

type Set = (partial: Partial<FastZapState> | ((s: FastZapState) => Partial<FastZapState>)) => void;

export interface StoreCtx {
  readonly get: () => FastZapState;
  readonly set: Set;
  readonly tuning: StoreTuning;
  /** Wall clock in ms (throttling and the interactive budget only; never simulated time). */
  readonly now: () => number;
  client(): SimClient;
  /** Replace the client (reset after a crash). */
  renewClient(): SimClient;
  rt(sim: SimId): SimRuntime;
  dropRt(sim: SimId): void;
}

export function emptySlot(id: SimId): SimSlot {
  return {
    id,
    status: 'empty',
    scenario: null,
    meta: null,
    progress: null,
    computing: false,
    frame: null,
    landmarks: [],
    window: { from: 0, events: [] },
  };
}

export function newRuntime(): SimRuntime {
  return {
    epoch: 0,
    pending: null,
    pump: null,
    computing: false,
    landmarkScan: 0,
    landmarkBuffer: null,
    progressBuffer: null,
    lastProgressMs: Number.NEGATIVE_INFINITY,
    lastSeekMs: Number.NEGATIVE_INFINITY,
    wantCursor: null,
    windowBusy: false,
  };
}

/** Does `patch` change anything in `cur`? */
function changes<T extends object>(cur: T, patch: Partial<T>): boolean {
  for (const k of Object.keys(patch) as (keyof T)[]) if (!Object.is(cur[k], patch[k])) return true;
  return false;
}

/** `slot` with `patch` applied (the same object when nothing changes). */
export function patched(slot: SimSlot, patch: Partial<SimSlot>): SimSlot {
  return changes(slot, patch) ? { ...slot, ...patch } : slot;
}

/** Merge into one sim's slot (no-op if the sim is gone or nothing changes: no render). */
export function patchSim(ctx: StoreCtx, sim: SimId, patch: Partial<SimSlot> | ((s: SimSlot) => Partial<SimSlot>)): void {
  ctx.set((st) => {
    const cur = st.sims[sim];
    if (!cur) return st;
    const next = patched(cur, typeof patch === 'function' ? patch(cur) : patch);
    return next === cur ? st : { sims: { ...st.sims, [sim]: next } };
  });
}

/** Merge into the playback state (no-op if nothing changes). */
export function patchPlayback(ctx: StoreCtx, patch: Partial<PlaybackState>): void {
  ctx.set((st) => (changes(st.playback, patch) ? { playback: { ...st.playback, ...patch } } : st));
}

/** Codes after which the worker is unusable until reset. */
const FATAL = new Set(['E_WORKER_CRASHED', 'E_WORKER_MESSAGE', 'E_WORKER_CLOSED']);

/** Show an error to the user (superseded requests are not errors). */
export function reportError(ctx: StoreCtx, e: unknown): void {
  if (e instanceof SimClientError) {
    if (e.code === 'E_WORKER_SUPERSEDED') return;
    ctx.set((st) => ({
      ui: { ...st.ui, error: { code: e.code, message: e.message, resettable: FATAL.has(e.code) } },
      playback: FATAL.has(e.code) ? { ...st.playback, playing: false } : st.playback,
    }));
    return;
  }
  const message = e instanceof Error ? e.message : String(e);
  ctx.set((st) => ({ ui: { ...st.ui, error: { code: 'E_WORKER_INTERNAL', message, resettable: false } } }));
}

/** Run an async action, reporting its failure instead of rejecting. */
export async function guarded(ctx: StoreCtx, f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch (e) {
    reportError(ctx, e);
  }
}
