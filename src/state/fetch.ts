/**
 * Fetching from the worker into the store: frames (latest target wins, one request in flight per
 * sim), the event window around the cursor, landmarks, and computing ahead in chunks.
 */
import type { FrameTarget, Landmark, SimId } from '../protocol/messages.ts';
import { patchSim, reportError, type StoreCtx } from './runtime.ts';

/** Ask for the frame at `target`; resolves once that frame (or a newer one) is in the store. */
export function requestFrame(ctx: StoreCtx, sim: SimId, target: FrameTarget): Promise<void> {
  const rt = ctx.rt(sim);
  rt.pending = target;
  rt.pump ??= pump(ctx, sim).finally(() => {
    rt.pump = null;
  });
  return rt.pump;
}

async function pump(ctx: StoreCtx, sim: SimId): Promise<void> {
  const rt = ctx.rt(sim);
  while (rt.pending !== null) {
    const target = rt.pending;
    rt.pending = null;
    const epoch = rt.epoch;
    try {
      const r = await ctx.client().frame(sim, target, ctx.get().view.mode);
      if (ctx.rt(sim).epoch !== epoch) continue; // reloaded meanwhile: serve the newer target
      patchSim(ctx, sim, { frame: r.frame, progress: r.progress });
      const pb = ctx.get().playback;
      // The primary sim's cursor follows its frames unless a newer target is on its way.
      if (sim === pb.primary && rt.pending === null) ctx.set({ playback: { ...pb, cursor: r.frame.cursor } });
      void refreshWindow(ctx, sim);
    } catch (e) {
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
  const r = ctx.tuning.windowRadius;
  const cursor = slot.frame.cursor;
  const w = slot.window;
  const end = w.from + w.events.length;
  const wantEnd = Math.min(slot.progress.events, cursor + r);
  const margin = Math.floor(r / 2);
  const inside = w.from <= Math.max(0, cursor - margin) && end >= Math.min(wantEnd, cursor + margin);
  if (inside && !force) return;
  rt.windowBusy = true;
  const epoch = rt.epoch;
  try {
    const from = Math.max(0, cursor - r);
    const events = await ctx.client().events(sim, from, cursor + r);
    if (ctx.rt(sim).epoch === epoch) patchSim(ctx, sim, { window: { from, events } });
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
  patchSim(ctx, sim, (s) => ({ landmarks: mergeLandmarks(s.landmarks, from, r.landmarks) }));
}

/** Landmarks before `from`, then the fresh ones (idempotent if a reply is applied twice). */
export function mergeLandmarks(old: readonly Landmark[], from: number, fresh: readonly Landmark[]): readonly Landmark[] {
  if (fresh.length === 0 && (old.length === 0 || old[old.length - 1]!.i < from)) return old;
  return [...old.filter((l) => l.i < from), ...fresh];
}

/** Compute one chunk; returns true if the run is complete. */
async function extendOnce(ctx: StoreCtx, sim: SimId, until: FrameTarget | null): Promise<boolean> {
  const epoch = ctx.rt(sim).epoch;
  const { chunkEvents, chunkBudgetMs } = ctx.tuning;
  const progress = await ctx.client().extend(sim, { maxEvents: chunkEvents, budgetMs: chunkBudgetMs, until });
  if (ctx.rt(sim).epoch !== epoch) return true;
  patchSim(ctx, sim, { progress });
  await refreshLandmarks(ctx, sim);
  return progress.done;
}

/** Compute until `target` is covered (or the run ends); chunked, so frames still get through. */
export async function ensureComputed(ctx: StoreCtx, sim: SimId, target: FrameTarget): Promise<void> {
  for (;;) {
    const p = ctx.get().sims[sim]?.progress;
    if (!p || p.done) return;
    if (target.type === 'cursor' ? p.events >= target.cursor : p.tNs > target.tNs) return;
    const before = p.events;
    if (await extendOnce(ctx, sim, target)) return;
    if (ctx.get().sims[sim]?.progress?.events === before) return;
  }
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
    while (ctx.rt(sim).epoch === epoch && ctx.get().sims[sim]?.progress?.done === false) {
      if (await extendOnce(ctx, sim, null)) break;
    }
  } catch (e) {
    reportError(ctx, e);
  } finally {
    if (ctx.rt(sim).epoch === epoch) {
      rt.computing = false;
      patchSim(ctx, sim, { computing: false });
    }
  }
}
