/**
 * The frame pump: frames from the simulation into the store, one request in flight per sim, the
 * latest target winning; and the narration window of events around the cursor.
 *
 * Latency: a frame request is posted at once (before anything renders), carries the narration
 * window it will need, and lands in one store update with the cursor, the clock, the progress and
 * the landmarks compute-ahead found meanwhile.
 */
import type { EventRange, FrameTarget, SimId } from '../protocol/messages.ts';
import { mergeLandmarks, takeForFrame } from './computeAhead.ts';
import { share } from './share.ts';
import { patched, patchSim, reportError, type StoreCtx } from './storeCtx.ts';
import type { FastZapState, SimSlot } from './types.ts';

export interface FrameRequestOptions {
  /** Set the clock to the frame's time when it lands (a cursor seek of the primary). */
  readonly syncClock?: boolean;
  /** A step or seek by the user (compute-ahead keeps its chunks short for a while). */
  readonly interactive?: boolean;
}

/** Ask for the frame at `target`; resolves once that frame (or a newer one) is in the store. */
export function requestFrame(ctx: StoreCtx, sim: SimId, target: FrameTarget, opts: FrameRequestOptions = {}): Promise<void> {
  const f = ctx.conn.runtime(sim).frames;
  f.pending = { target, syncClock: opts.syncClock ?? false };
  if (opts.interactive) f.lastSeekMs = ctx.now();
  f.running ??= pump(ctx, sim).finally(() => {
    f.running = null;
  });
  return f.running;
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
  const rt = ctx.conn.runtime(sim);
  const f = rt.frames;
  while (f.pending !== null) {
    const req = f.pending;
    f.pending = null;
    const epoch = rt.epoch;
    const slot = ctx.get().sims[sim];
    // A cursor is known before asking: ask for its narration window in the same request.
    const events = slot && req.target.type === 'cursor' && !f.windowBusy ? windowFor(ctx, slot, req.target.cursor) : null;
    try {
      const r = await ctx.conn.client().frame(sim, req.target, ctx.get().view.mode, events ? { events } : {});
      if (!ctx.conn.isCurrent(sim, epoch)) continue; // reloaded meanwhile: serve the newer target
      const landmarks = takeForFrame(ctx, sim);
      // The primary sim's cursor follows its frames unless a newer target is on its way.
      const follow = sim === ctx.get().playback.primary && f.pending === null;
      if (follow) f.wantCursor = null;
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
      if (sim === pb.primary && req.target.type === 'cursor' && pb.cursor !== req.target.cursor)
        ctx.set({ playback: { ...pb, cursor: req.target.cursor } });
      f.wantCursor = null;
      reportError(ctx, e);
      return;
    }
  }
}

/** Keep the narration window around the sim's cursor (fetch only when the cursor nears an edge). */
export async function refreshWindow(ctx: StoreCtx, sim: SimId, force = false): Promise<void> {
  const rt = ctx.conn.runtime(sim);
  const slot = ctx.get().sims[sim];
  if (!slot?.frame || !slot.progress || (rt.frames.windowBusy && !force)) return;
  const cursor = slot.frame.cursor;
  const r = ctx.tuning.windowRadius;
  const range = force ? { from: Math.max(0, cursor - r), to: cursor + r } : windowFor(ctx, slot, cursor);
  if (!range) return;
  rt.frames.windowBusy = true;
  const epoch = rt.epoch;
  try {
    const events = await ctx.conn.client().events(sim, range.from, range.to);
    if (ctx.conn.isCurrent(sim, epoch)) patchSim(ctx, sim, { window: { from: range.from, events } });
  } catch (e) {
    reportError(ctx, e);
  } finally {
    rt.frames.windowBusy = false;
  }
}
