/**
 * Fetching from the worker into the store: frames (latest target wins, one request in flight per
 * sim), the event window around the cursor, landmarks, and computing ahead in chunks.
 *
 * Latency: a frame request is posted at once (before anything renders), carries the narration
 * window it will need, and lands in one store update with the cursor, the clock and the progress.
 * Compute-ahead yields to frames: it waits while one is on its way, keeps its chunks short while
 * the user steps, and writes progress and landmarks to the store at most every progressEveryMs.
 */
import type { EventRange, FrameTarget, Landmark, LandmarkScan, SimId } from '../protocol/messages.ts';
import { patched, patchSim, reportError, type SimRuntime, type StoreCtx } from './runtime.ts';
import { share } from './share.ts';
import type { FastZapState, SimSlot } from './types.ts';

export interface FrameRequestOptions {
  /** Set the clock to the frame's time when it lands (a cursor seek of the primary). */
  readonly syncClock?: boolean;
  /** A step or seek by the user (compute-ahead keeps its chunks short for a while). */
  readonly interactive?: boolean;
}

/** Ask for the frame at `target`; resolves once that frame (or a newer one) is in the store. */
export function requestFrame(ctx: StoreCtx, sim: SimId, target: FrameTarget, opts: FrameRequestOptions = {}): Promise<void> {
  const rt = ctx.rt(sim);
  rt.pending = { target, syncClock: opts.syncClock ?? false };
  if (opts.interactive) rt.lastSeekMs = ctx.now();
  rt.pump ??= pump(ctx, sim).finally(() => {
    rt.pump = null;
  });
  return rt.pump;
}

/** The window a cursor needs, if the one in the slot does not cover it (null: keep it). */
function windowFor(ctx: StoreCtx, slot: SimSlot, cursor: number): EventRange | null {
  const r = ctx.tuning.windowRadius;
  const w = slot.window;
  const end = w.from + w.events.length;
  const wantEnd = Math.min(slot.progress?.events ?? cursor, cursor + r);
  const margin = Math.floor(r / 2);
  const inside = w.from <= Math.max(0, cursor - margin) && end >= Math.min(wantEnd, cursor + margin);
  return inside ? null : { from: Math.max(0, cursor - r), to: cursor + r };
}

async function pump(ctx: StoreCtx, sim: SimId): Promise<void> {
  const rt = ctx.rt(sim);
  while (rt.pending !== null) {
    const req = rt.pending;
    rt.pending = null;
    const epoch = rt.epoch;
    const slot = ctx.get().sims[sim];
    // A cursor is known before asking: ask for its narration window in the same request.
    const events = slot && req.target.type === 'cursor' && !rt.windowBusy ? windowFor(ctx, slot, req.target.cursor) : null;
    try {
      const r = await ctx.client().frame(sim, req.target, ctx.get().view.mode, events ? { events } : {});
      if (ctx.rt(sim).epoch !== epoch) continue; // reloaded meanwhile: serve the newer target
      rt.progressBuffer = null;
      rt.lastProgressMs = ctx.now();
      const landmarks = takeLandmarks(rt);
      // The primary sim's cursor follows its frames unless a newer target is on its way.
      const follow = sim === ctx.get().playback.primary && rt.pending === null;
      if (follow) rt.wantCursor = null;
      ctx.set((st) => {
        const cur = st.sims[sim];
        if (!cur) return st;
        const next = patched(cur, {
          frame: share(cur.frame, r.frame),
          progress: share(cur.progress, r.progress),
          ...(r.events ? { window: { from: r.events.from, events: r.events.events } } : {}),
          ...(landmarks ? { landmarks: mergeLandmarks(cur.landmarks, landmarks.from, landmarks.landmarks) } : {}),
        });
        const pb = st.playback;
        const tNs = req.syncClock ? r.frame.tNs : pb.tNs;
        const movePb = follow && (pb.cursor !== r.frame.cursor || pb.tNs !== tNs);
        if (next === cur && !movePb) return st;
        const out: Partial<FastZapState> = {
          ...(next === cur ? {} : { sims: { ...st.sims, [sim]: next } }),
          ...(movePb ? { playback: { ...pb, cursor: r.frame.cursor, tNs } } : {}),
        };
        return out;
      });
      if (!r.events) void refreshWindow(ctx, sim);
    } catch (e) {
      // The cursor asked for is remembered (a reset reloads the run there).
      const pb = ctx.get().playback;
      if (sim === pb.primary && req.target.type === 'cursor' && pb.cursor !== req.target.cursor) ctx.set({ playback: { ...pb, cursor: req.target.cursor } });
      rt.wantCursor = null;
      reportError(ctx, e);
      return;
    }
  }
}

/** Keep the narration window around the sim's cursor (fetch only when the cursor nears an edge). */
export async function refreshWindow(ctx: StoreCtx, sim: SimId, force = false): Promise<void> {
  const rt = ctx.rt(sim);
  const slot = ctx.get().sims[sim];
  if (!slot?.frame || !slot.progress || (rt.windowBusy && !force)) return;
  const cursor = slot.frame.cursor;
  const r = ctx.tuning.windowRadius;
  const range = force ? { from: Math.max(0, cursor - r), to: cursor + r } : windowFor(ctx, slot, cursor);
  if (!range) return;
  rt.windowBusy = true;
  const epoch = rt.epoch;
  try {
    const events = await ctx.client().events(sim, range.from, range.to);
    if (ctx.rt(sim).epoch === epoch) patchSim(ctx, sim, { window: { from: range.from, events } });
  } catch (e) {
    reportError(ctx, e);
  } finally {
    rt.windowBusy = false;
  }
}

/** Fetch landmarks among events not scanned yet (replacing any from that point on). */
export async function refreshLandmarks(ctx: StoreCtx, sim: SimId): Promise<void> {
  const rt = ctx.rt(sim);
  const epoch = rt.epoch;
  const from = rt.landmarkScan;
  const r = await ctx.client().landmarks(sim, from);
  if (ctx.rt(sim).epoch !== epoch) return;
  rt.landmarkScan = r.scanned;
  absorbLandmarks(rt, { from, scanned: r.scanned, landmarks: r.landmarks });
  flushCompute(ctx, sim);
}

/** Landmarks before `from`, then the fresh ones (idempotent if a reply is applied twice). */
export function mergeLandmarks(old: readonly Landmark[], from: number, fresh: readonly Landmark[]): readonly Landmark[] {
  if (fresh.length === 0 && (old.length === 0 || old[old.length - 1]!.i < from)) return old;
  return [...old.filter((l) => l.i < from), ...fresh];
}

/** Add a scan to the buffer of landmarks not yet in the store (a later scan wins from its `from`). */
function absorbLandmarks(rt: SimRuntime, scan: LandmarkScan): void {
  const b = rt.landmarkBuffer;
  if (!b || scan.from <= b.from) rt.landmarkBuffer = scan;
  else rt.landmarkBuffer = { from: b.from, scanned: scan.scanned, landmarks: mergeLandmarks(b.landmarks, scan.from, scan.landmarks) };
}

function takeLandmarks(rt: SimRuntime): LandmarkScan | null {
  const b = rt.landmarkBuffer;
  rt.landmarkBuffer = null;
  return b;
}

/** Forget buffered landmarks from event `at` on (the future after it was recomputed). */
export function forgetLandmarksFrom(rt: SimRuntime, at: number): void {
  const b = rt.landmarkBuffer;
  rt.landmarkScan = Math.min(rt.landmarkScan, b ? b.from : rt.landmarkScan, at);
  rt.landmarkBuffer = null;
  rt.progressBuffer = null;
}

/** Write buffered progress and landmarks to the store (one update). */
export function flushCompute(ctx: StoreCtx, sim: SimId): void {
  const rt = ctx.rt(sim);
  const progress = rt.progressBuffer;
  const lm = takeLandmarks(rt);
  rt.progressBuffer = null;
  if (!progress && !lm) return;
  rt.lastProgressMs = ctx.now();
  patchSim(ctx, sim, (s) => ({
    ...(progress ? { progress: share(s.progress, progress) } : {}),
    ...(lm ? { landmarks: mergeLandmarks(s.landmarks, lm.from, lm.landmarks) } : {}),
  }));
}

/** Compute one chunk; returns true if the run is complete. */
async function extendOnce(ctx: StoreCtx, sim: SimId, until: FrameTarget | null): Promise<boolean> {
  const rt = ctx.rt(sim);
  const epoch = rt.epoch;
  const t = ctx.tuning;
  // In the background, frames go first: one queued behind this chunk would wait for it.
  if (until === null) while (rt.pump) await rt.pump;
  if (ctx.rt(sim).epoch !== epoch) return true;
  const interactive = until !== null || ctx.now() - rt.lastSeekMs < t.interactiveMs;
  const budgetMs = interactive ? Math.min(t.chunkBudgetMs, t.interactiveChunkBudgetMs) : t.chunkBudgetMs;
  const r = await ctx.client().extendScanning(sim, rt.landmarkScan, { maxEvents: t.chunkEvents, budgetMs, until });
  if (ctx.rt(sim).epoch !== epoch) return true;
  rt.landmarkScan = r.landmarks.scanned;
  absorbLandmarks(rt, r.landmarks);
  rt.progressBuffer = r.progress;
  // Someone waits for this chunk (until), or the run is complete, or it is time: write it.
  if (until !== null || r.progress.done || ctx.now() - rt.lastProgressMs >= t.progressEveryMs) flushCompute(ctx, sim);
  return r.progress.done;
}

/** Compute until `target` is covered (or the run ends); chunked, so frames still get through. */
export async function ensureComputed(ctx: StoreCtx, sim: SimId, target: FrameTarget): Promise<void> {
  for (;;) {
    flushCompute(ctx, sim);
    const p = ctx.get().sims[sim]?.progress;
    if (!p || p.done) return;
    if (target.type === 'cursor' ? p.events >= target.cursor : p.tNs > target.tNs) return;
    const before = p.events;
    if (await extendOnce(ctx, sim, target)) return;
    if (ctx.get().sims[sim]?.progress?.events === before) return;
  }
}

/** Has `target` been computed, as far as the store (and compute-ahead's buffer) knows? */
export function isComputed(ctx: StoreCtx, sim: SimId, target: FrameTarget): boolean {
  const p = ctx.rt(sim).progressBuffer ?? ctx.get().sims[sim]?.progress;
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
  const rt = ctx.rt(sim);
  if (rt.computing || !(ctx.tuning.autoCompute || force)) return;
  rt.computing = true;
  const epoch = rt.epoch;
  patchSim(ctx, sim, { computing: true });
  try {
    while (ctx.rt(sim).epoch === epoch && (rt.progressBuffer ?? ctx.get().sims[sim]?.progress)?.done === false) {
      if (await extendOnce(ctx, sim, null)) break;
    }
  } catch (e) {
    reportError(ctx, e);
  } finally {
    if (ctx.rt(sim).epoch === epoch) {
      rt.computing = false;
      flushCompute(ctx, sim);
      patchSim(ctx, sim, { computing: false });
    }
  }
}
