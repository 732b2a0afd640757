/**
 * What the slices share and components never see: the store's get/set, the tuning, a wall clock
 * for throttling, the connection to the simulations, and the helpers that write into the store
 * (each a no-op when nothing changes, so nothing re-renders for nothing).
 */
import { SimClientError } from '../client/client.ts';
import type { SimId } from '../protocol/messages.ts';
import type { SimConnection } from './connection.ts';
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

export const DEFAULT_TUNING: StoreTuning = {
  windowRadius: 100,
  chunkEvents: 20_000,
  chunkBudgetMs: 40,
  interactiveChunkBudgetMs: 8,
  interactiveMs: 1500,
  progressEveryMs: 150,
  autoCompute: true,
};

type SetState = (partial: Partial<FastZapState> | ((s: FastZapState) => Partial<FastZapState>)) => void;

export interface StoreCtx {
  readonly get: () => FastZapState;
  readonly set: SetState;
  readonly tuning: StoreTuning;
  /** Wall clock in ms (throttling and the interactive budget only; never simulated time). */
  readonly now: () => number;
  readonly conn: SimConnection;
}

export function emptySlot(id: SimId): SimSlot {
  return {
    id,
    status: 'empty',
    scenario: null,
    meta: null,
    progress: null,
    computing: false,
    computeStopped: false,
    frame: null,
    landmarks: [],
    window: { from: 0, events: [] },
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
const FATAL = new Set(['E_WORKER_CRASHED', 'E_WORKER_MESSAGE', 'E_WORKER_CLOSED', 'E_WORKER_TIMEOUT', 'E_WORKER_SILENT']);

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
