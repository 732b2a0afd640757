/**
 * The playback slice: one clock (simulated ns) shared by every sim, advanced by a
 * requestAnimationFrame loop in the UI thread at a speed on a log scale; steps, seeks and
 * landmark jumps address the primary sim, the others follow it by time. Nothing here blocks:
 * frames are requested and land in the store when the simulation answers.
 */
import { MAIN_SIM, type FrameTarget, type SimId } from '../protocol/messages.ts';
import { computeAhead, ensureComputed, isComputed, latestProgress } from './computeAhead.ts';
import { requestFrame } from './framePump.ts';
import { clampSpeedIndex, DEFAULT_SPEED_INDEX, speedAt } from './speed.ts';
import { guarded, patchPlayback, type StoreCtx } from './storeCtx.ts';
import type { PlaybackActions, PlaybackState } from './types.ts';

/** What drives the play loop: requestAnimationFrame in the app, a manual clock in tests. */
export interface FrameScheduler {
  request(cb: (nowMs: number) => void): number;
  cancel(handle: number): void;
}

/** The browser's animation frames. */
export function rafScheduler(): FrameScheduler {
  return {
    request: (cb) => requestAnimationFrame(cb),
    cancel: (h) => cancelAnimationFrame(h),
  };
}

/** The last landmark shown before cursor `c` (at `i + 1 < c`). */
function lastBefore<T extends { readonly i: number }>(xs: readonly T[], c: number): T | undefined {
  for (let k = xs.length - 1; k >= 0; k--) if (xs[k]!.i + 1 < c) return xs[k];
  return undefined;
}

/** Longest wall-clock gap one tick may advance (a hidden tab must not jump ahead). */
const MAX_TICK_MS = 250;

export interface PlaybackSlice {
  readonly playback: PlaybackState;
  readonly actions: PlaybackActions;
  /** Stop the play loop (a crash, a reset, the store destroyed). */
  readonly stopLoop: () => void;
}

const framesOf = (ctx: StoreCtx, sim: SimId) => ctx.conn.runtime(sim).frames;

/** Ask every ready sim (but `except`) for its frame at `target`. */
function frameAll(ctx: StoreCtx, target: FrameTarget, except: SimId | null = null): Promise<void>[] {
  const { sims } = ctx.get();
  return (Object.keys(sims) as SimId[])
    .filter((id) => id !== except && sims[id]?.status === 'ready')
    .map((id) => requestFrame(ctx, id, target));
}

/** Advance the clock by `dtMs` of wall time (one animation frame); every sim follows it. */
function tick(ctx: StoreCtx, dtMs: number): void {
  const pb = ctx.get().playback;
  const p = latestProgress(ctx, pb.primary);
  if (!p) return;
  let t = pb.tNs + (Math.min(dtMs, MAX_TICK_MS) / 1000) * speedAt(pb.speedIndex);
  // Computed so far: through the last event once done, else as far as the steps have run (they
  // may emit no event for a long while).
  const end = p.done ? p.tNs : Math.max(p.tNs, p.reachedNs);
  if (t >= end) {
    t = Math.max(pb.tNs, end);
    // At the end of what is computed: stop at the end of the run (or where computing was
    // stopped), or wait for the computation.
    if (p.done || ctx.conn.runtime(pb.primary).compute.stopped) patchPlayback(ctx, { playing: false });
    else void computeAhead(ctx, pb.primary, true);
  }
  if (t !== pb.tNs) patchPlayback(ctx, { tNs: t });
  for (const f of frameAll(ctx, { type: 'time', tNs: t })) void f;
}

/** The play loop: the clock advanced on animation frames while `playback.playing`. */
class PlayLoop {
  private handle: number | null = null;
  private last: number | null = null;

  constructor(
    private readonly ctx: StoreCtx,
    private readonly scheduler: FrameScheduler,
  ) {}

  readonly play = (): void => {
    const { playback: pb, sims } = this.ctx.get();
    if (pb.playing) return;
    const p = sims[pb.primary]?.progress;
    if (!p) return;
    // Play at the very end starts over.
    if (p.done && pb.tNs >= p.tNs) patchPlayback(this.ctx, { tNs: 0, cursor: 0, playing: true });
    else patchPlayback(this.ctx, { playing: true });
    this.last = null;
    this.handle ??= this.scheduler.request(this.frame);
  };

  readonly pause = (): void => {
    if (this.handle !== null) this.scheduler.cancel(this.handle);
    this.handle = null;
    this.last = null;
    if (this.ctx.get().playback.playing) patchPlayback(this.ctx, { playing: false });
  };

  private readonly frame = (now: number): void => {
    this.handle = null;
    if (!this.ctx.get().playback.playing) {
      this.last = null;
      return;
    }
    tick(this.ctx, this.last === null ? 0 : now - this.last);
    this.last = now;
    if (this.ctx.get().playback.playing) this.handle = this.scheduler.request(this.frame);
  };
}

/**
 * The primary to `cursor`. A computed cursor's frame is asked for at once, before anything
 * renders, and its frame, cursor and clock land in one store update; a cursor beyond what is
 * computed is shown as the cursor while the run is computed up to it. Then the other sims
 * follow to the primary's time.
 */
async function seek(ctx: StoreCtx, cursor: number): Promise<void> {
  const primary = ctx.get().playback.primary;
  const c = Math.max(0, Math.floor(cursor));
  const f = framesOf(ctx, primary);
  f.wantCursor = c;
  const target: FrameTarget = { type: 'cursor', cursor: c };
  if (!isComputed(ctx, primary, target)) {
    // Beyond what is computed: compute up to it first (in chunks; frames still get through).
    patchPlayback(ctx, { cursor: c });
    await ensureComputed(ctx, primary, target);
    if (f.wantCursor !== c) return; // superseded meanwhile
  }
  await requestFrame(ctx, primary, target, { syncClock: true, interactive: true });
  const shown = ctx.get().sims[primary]?.frame;
  if (!shown || ctx.get().playback.cursor !== shown.cursor || f.wantCursor !== null) return; // superseded by a newer seek
  await Promise.all(frameAll(ctx, { type: 'time', tNs: shown.tNs }, primary));
}

/** Where a step starts from: the cursor asked for last, if its frame is still on its way. */
function stepBase(ctx: StoreCtx): number {
  const pb = ctx.get().playback;
  return framesOf(ctx, pb.primary).wantCursor ?? pb.cursor;
}

async function seekTime(ctx: StoreCtx, tNs: number): Promise<void> {
  patchPlayback(ctx, { tNs: Math.max(0, tNs) });
  await Promise.all(frameAll(ctx, { type: 'time', tNs: Math.max(0, tNs) }));
}

/** To just after the next (dir 1) or previous (-1) landmark, computing ahead when it must. */
async function toLandmark(ctx: StoreCtx, dir: 1 | -1): Promise<void> {
  const primary = ctx.get().playback.primary;
  const c = stepBase(ctx);
  for (let guard = 0; guard < 1000; guard++) {
    const slot = ctx.get().sims[primary];
    if (!slot?.progress) return;
    // A landmark is shown just after it: cursor = its index + 1.
    const lm = dir > 0 ? slot.landmarks.find((l) => l.i + 1 > c) : lastBefore(slot.landmarks, c);
    if (lm) return seek(ctx, lm.i + 1);
    if (dir < 0) return seek(ctx, 0);
    if (slot.progress.done) return;
    await ensureComputed(ctx, primary, { type: 'cursor', cursor: slot.progress.events + ctx.tuning.chunkEvents });
  }
}

async function stepForward(ctx: StoreCtx): Promise<void> {
  const primary = ctx.get().playback.primary;
  const target = stepBase(ctx) + 1;
  const t: FrameTarget = { type: 'cursor', cursor: target };
  if (!isComputed(ctx, primary, t)) await ensureComputed(ctx, primary, t);
  // At the very end of the run, stay there.
  await seek(ctx, Math.min(target, latestProgress(ctx, primary)?.events ?? 0));
}

export function createPlaybackSlice(ctx: StoreCtx, scheduler: FrameScheduler): PlaybackSlice {
  const loop = new PlayLoop(ctx, scheduler);
  const { pause } = loop;
  const speed = (i: number) => patchPlayback(ctx, { speedIndex: clampSpeedIndex(i) });
  /** A step or a landmark jump pauses first. */
  const paused = (f: () => Promise<void>) =>
    guarded(ctx, async () => {
      pause();
      await f();
    });
  return {
    playback: { primary: MAIN_SIM, cursor: 0, tNs: 0, playing: false, speedIndex: DEFAULT_SPEED_INDEX },
    stopLoop: pause,
    actions: {
      play: loop.play,
      pause,
      togglePlay: () => (ctx.get().playback.playing ? pause() : loop.play()),
      stepForward: () => paused(() => stepForward(ctx)),
      stepBack: () => paused(() => seek(ctx, Math.max(0, stepBase(ctx) - 1))),
      nextLandmark: () => paused(() => toLandmark(ctx, 1)),
      prevLandmark: () => paused(() => toLandmark(ctx, -1)),
      seek: (cursor) => guarded(ctx, () => seek(ctx, cursor)),
      seekTime: (tNs) => guarded(ctx, () => seekTime(ctx, tNs)),
      setSpeedIndex: speed,
      faster: () => speed(ctx.get().playback.speedIndex + 1),
      slower: () => speed(ctx.get().playback.speedIndex - 1),
    },
  };
}
