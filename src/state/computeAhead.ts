/**
 * Computing a run ahead of the cursor, in chunks, so frames still get through: the background
 * loop after a load, computing up to a target on demand (a seek or step beyond what is computed),
 * and the landmarks found on the way. Progress and landmarks are buffered and written to the
 * store at most every progressEveryMs (each write re-renders what shows them); a frame that lands
 * takes the buffer with it (framePump.ts).
 */
import type { FrameTarget, Landmark, LandmarkScan, SimId } from '../protocol/messages.ts';
import type { ComputeAheadState } from './connection.ts';
import { share } from './share.ts';
import { patchSim, reportError, type StoreCtx } from './storeCtx.ts';
import type { ComputeActions } from './types.ts';

/** Landmarks before `from`, then the fresh ones (idempotent if a reply is applied twice). */
export function mergeLandmarks(old: readonly Landmark[], from: number, fresh: readonly Landmark[]): readonly Landmark[] {
  if (fresh.length === 0 && (old.length === 0 || old[old.length - 1]!.i < from)) return old;
  return [...old.filter((l) => l.i < from), ...fresh];
}

/** Add a scan to the buffer of landmarks not yet in the store (a later scan wins from its `from`). */
function absorbLandmarks(c: ComputeAheadState, scan: LandmarkScan): void {
  const b = c.landmarks;
  if (!b || scan.from <= b.from) c.landmarks = scan;
  else c.landmarks = { from: b.from, scanned: scan.scanned, landmarks: mergeLandmarks(b.landmarks, scan.from, scan.landmarks) };
}

function takeLandmarks(c: ComputeAheadState): LandmarkScan | null {
  const b = c.landmarks;
  c.landmarks = null;
  return b;
}

/**
 * A frame is landing with the latest progress: drop the buffered progress and hand over the
 * buffered landmarks, to be written in the frame's store update.
 */
export function takeForFrame(ctx: StoreCtx, sim: SimId): LandmarkScan | null {
  const c = ctx.conn.runtime(sim).compute;
  c.progress = null;
  c.lastFlushMs = ctx.now();
  return takeLandmarks(c);
}

/** Forget buffered landmarks from event `at` on (the future after it was recomputed). */
export function forgetLandmarksFrom(ctx: StoreCtx, sim: SimId, at: number): void {
  const c = ctx.conn.runtime(sim).compute;
  const b = c.landmarks;
  c.scanned = Math.min(c.scanned, b ? b.from : c.scanned, at);
  c.landmarks = null;
  c.progress = null;
}

/** Write buffered progress and landmarks to the store (one update). */
function flushCompute(ctx: StoreCtx, sim: SimId): void {
  const c = ctx.conn.runtime(sim).compute;
  const progress = c.progress;
  const lm = takeLandmarks(c);
  c.progress = null;
  if (!progress && !lm) return;
  c.lastFlushMs = ctx.now();
  patchSim(ctx, sim, (s) => ({
    ...(progress ? { progress: share(s.progress, progress) } : {}),
    ...(lm ? { landmarks: mergeLandmarks(s.landmarks, lm.from, lm.landmarks) } : {}),
  }));
}

/** Fetch landmarks among events not scanned yet (replacing any from that point on). */
export async function refreshLandmarks(ctx: StoreCtx, sim: SimId): Promise<void> {
  const rt = ctx.conn.runtime(sim);
  const epoch = rt.epoch;
  const from = rt.compute.scanned;
  const r = await ctx.conn.client().landmarks(sim, from);
  if (!ctx.conn.isCurrent(sim, epoch)) return;
  rt.compute.scanned = r.scanned;
  absorbLandmarks(rt.compute, { from, scanned: r.scanned, landmarks: r.landmarks });
  flushCompute(ctx, sim);
}

/** Compute one chunk; returns true if the run is complete. */
async function extendOnce(ctx: StoreCtx, sim: SimId, until: FrameTarget | null): Promise<boolean> {
  const rt = ctx.conn.runtime(sim);
  const epoch = rt.epoch;
  const t = ctx.tuning;
  // In the background, frames go first: one queued behind this chunk would wait for it.
  if (until === null) while (rt.frames.running) await rt.frames.running;
  if (!ctx.conn.isCurrent(sim, epoch)) return true;
  const interactive = until !== null || ctx.now() - rt.frames.lastSeekMs < t.interactiveMs;
  const budgetMs = interactive ? Math.min(t.chunkBudgetMs, t.interactiveChunkBudgetMs) : t.chunkBudgetMs;
  const r = await ctx.conn.client().extendScanning(sim, rt.compute.scanned, { maxEvents: t.chunkEvents, budgetMs, until });
  if (!ctx.conn.isCurrent(sim, epoch)) return true;
  const c = rt.compute;
  c.scanned = r.landmarks.scanned;
  absorbLandmarks(c, r.landmarks);
  c.progress = r.progress;
  // Someone waits for this chunk (until), or the run is complete, or it is time: write it.
  if (until !== null || r.progress.done || ctx.now() - c.lastFlushMs >= t.progressEveryMs) flushCompute(ctx, sim);
  return r.progress.done;
}

/** Compute until `target` is covered (or the run ends); chunked, so frames still get through. */
export async function ensureComputed(ctx: StoreCtx, sim: SimId, target: FrameTarget): Promise<void> {
  const c = ctx.conn.runtime(sim).compute;
  for (;;) {
    flushCompute(ctx, sim);
    // Stopped by the user: what is computed is what there is.
    if (c.stopped) return;
    const p = ctx.get().sims[sim]?.progress;
    if (!p || p.done) return;
    if (target.type === 'cursor' ? p.events >= target.cursor : p.tNs > target.tNs) return;
    const before = p.events;
    if (await extendOnce(ctx, sim, target)) return;
    if (ctx.get().sims[sim]?.progress?.events === before) return;
  }
}

/** How far `sim` is computed, as far as the store and compute-ahead's buffer know. */
export function latestProgress(ctx: StoreCtx, sim: SimId) {
  return ctx.conn.runtime(sim).compute.progress ?? ctx.get().sims[sim]?.progress ?? null;
}

/** Has `target` been computed, as far as the store (and compute-ahead's buffer) knows? */
export function isComputed(ctx: StoreCtx, sim: SimId, target: FrameTarget): boolean {
  const p = latestProgress(ctx, sim);
  if (!p) return false;
  if (p.done) return true;
  return target.type === 'cursor' ? p.events >= target.cursor : p.tNs > target.tNs;
}

/**
 * Compute the rest of the run in the background, chunk by chunk (one loop per sim). Started
 * after a load when `autoCompute` is on; `force` starts it anyway (playback reached the end of
 * what is computed).
 */
export async function computeAhead(ctx: StoreCtx, sim: SimId, force = false): Promise<void> {
  const rt = ctx.conn.runtime(sim);
  if (rt.compute.running || rt.compute.stopped || !(ctx.tuning.autoCompute || force)) return;
  rt.compute.running = true;
  const epoch = rt.epoch;
  patchSim(ctx, sim, { computing: true });
  try {
    while (ctx.conn.isCurrent(sim, epoch) && !rt.compute.stopped && latestProgress(ctx, sim)?.done === false) {
      if (await extendOnce(ctx, sim, null)) break;
    }
  } catch (e) {
    reportError(ctx, e);
  } finally {
    if (ctx.conn.isCurrent(sim, epoch)) {
      rt.compute.running = false;
      flushCompute(ctx, sim);
      patchSim(ctx, sim, { computing: false });
    }
  }
}

/** Stop and continue computing ahead, for every sim at once (they share one clock). */
export function createComputeActions(ctx: StoreCtx): ComputeActions {
  const ids = () => Object.keys(ctx.get().sims) as SimId[];
  return {
    // The chunk on its way finishes (a few tens of ms); no other is asked for.
    stopComputing: () => {
      for (const sim of ids()) {
        ctx.conn.runtime(sim).compute.stopped = true;
        patchSim(ctx, sim, { computeStopped: true });
      }
    },
    continueComputing: () => {
      for (const sim of ids()) {
        ctx.conn.runtime(sim).compute.stopped = false;
        patchSim(ctx, sim, { computeStopped: false });
        if (ctx.get().sims[sim]?.status === 'ready') void computeAhead(ctx, sim, true);
      }
    },
  };
}
