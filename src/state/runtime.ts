/**
 * What the store's actions share and components never see: the client, per-sim bookkeeping
 * (the latest-wins frame pump, the compute-ahead loop, epochs that void stale replies) and the
 * helpers that write the results into the store.
 */
import type { SimClient } from '../client/client.ts';
import { SimClientError } from '../client/client.ts';
import type { FrameTarget, SimId } from '../protocol/messages.ts';
import type { FastZapState, SimSlot } from './types.ts';

export interface StoreTuning {
  /** Events kept on each side of the cursor in the narration window. */
  readonly windowRadius: number;
  /** One compute-ahead request: at most this many events and this much worker time. */
  readonly chunkEvents: number;
  readonly chunkBudgetMs: number;
  /** Compute the whole run in the background after a load (progress indicator). */
  readonly autoCompute: boolean;
}

export interface SimRuntime {
  /** Bumped by load/unload: replies for an older epoch are dropped. */
  epoch: number;
  /** Latest frame target not yet sent (latest wins). */
  pending: FrameTarget | null;
  /** The running frame pump, if any. */
  pump: Promise<void> | null;
  computing: boolean;
  /** Events already scanned for landmarks. */
  landmarkScan: number;
  windowBusy: boolean;
}

type Set = (partial: Partial<FastZapState> | ((s: FastZapState) => Partial<FastZapState>)) => void;

export interface StoreCtx {
  readonly get: () => FastZapState;
  readonly set: Set;
  readonly tuning: StoreTuning;
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
  return { epoch: 0, pending: null, pump: null, computing: false, landmarkScan: 0, windowBusy: false };
}

/** Merge into one sim's slot (no-op if the sim is gone). */
export function patchSim(ctx: StoreCtx, sim: SimId, patch: Partial<SimSlot> | ((s: SimSlot) => Partial<SimSlot>)): void {
  ctx.set((st) => {
    const cur = st.sims[sim];
    if (!cur) return {};
    const p = typeof patch === 'function' ? patch(cur) : patch;
    return { sims: { ...st.sims, [sim]: { ...cur, ...p } } };
  });
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
