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

export function createPlaybackSlice(ctx: StoreCtx, scheduler: FrameScheduler): PlaybackSlice {
  let handle: number | null = null;
  let last: number | null = null;
  const { get } = ctx;
  const setPb = (p: Partial<PlaybackState>) => patchPlayback(ctx, p);
  const frames = (sim: SimId) => ctx.conn.runtime(sim).frames;

  /** Ask every ready sim (but `except`) for its frame at `target`. */
  function frameAll(target: FrameTarget, except: SimId | null = null): Promise<void>[] {
    return (Object.keys(get().sims) as SimId[])
      .filter((id) => id !== except && get().sims[id]?.status === 'ready')
      .map((id) => requestFrame(ctx, id, target));
  }

  /** Advance the clock by `dtMs` of wall time (one animation frame); every sim follows it. */
  function tick(dtMs: number): void {
    const pb = get().playback;
    const p = latestProgress(ctx, pb.primary);
    if (!p) return;
    let t = pb.tNs + (Math.min(dtMs, MAX_TICK_MS) / 1000) * speedAt(pb.speedIndex);
    if (t >= p.tNs) {
      t = Math.max(pb.tNs, p.tNs);
      // At the end of what is computed: stop at the end of the run, or wait for the computation.
      if (p.done) setPb({ playing: false });
      else void computeAhead(ctx, pb.primary, true);
    }
    if (t !== pb.tNs) setPb({ tNs: t });
    for (const f of frameAll({ type: 'time', tNs: t })) void f;
  }

  function loop(now: number): void {
    handle = null;
    if (!get().playback.playing) {
      last = null;
      return;
    }
    tick(last === null ? 0 : now - last);
    last = now;
    if (get().playback.playing) handle = scheduler.request(loop);
  }

  function pause(): void {
    if (handle !== null) scheduler.cancel(handle);
    handle = null;
    last = null;
    if (get().playback.playing) setPb({ playing: false });
  }

  function play(): void {
    const pb = get().playback;
    if (pb.playing) return;
    const p = get().sims[pb.primary]?.progress;
    if (!p) return;
    // Play at the very end starts over.
    if (p.done && pb.tNs >= p.tNs) setPb({ tNs: 0, cursor: 0, playing: true });
    else setPb({ playing: true });
    last = null;
    handle ??= scheduler.request(loop);
  }

  /**
   * The primary to `cursor`. A computed cursor's frame is asked for at once, before anything
   * renders, and its frame, cursor and clock land in one store update; a cursor beyond what is
   * computed is shown as the cursor while the run is computed up to it. Then the other sims
   * follow to the primary's time.
   */
  async function seek(cursor: number): Promise<void> {
    const primary = get().playback.primary;
    const c = Math.max(0, Math.floor(cursor));
    const f = frames(primary);
    f.wantCursor = c;
    const target: FrameTarget = { type: 'cursor', cursor: c };
    if (!isComputed(ctx, primary, target)) {
      // Beyond what is computed: compute up to it first (in chunks; frames still get through).
      setPb({ cursor: c });
      await ensureComputed(ctx, primary, target);
      if (f.wantCursor !== c) return; // superseded meanwhile
    }
    await requestFrame(ctx, primary, target, { syncClock: true, interactive: true });
    const shown = get().sims[primary]?.frame;
    if (!shown || get().playback.cursor !== shown.cursor || f.wantCursor !== null) return; // superseded by a newer seek
    await Promise.all(frameAll({ type: 'time', tNs: shown.tNs }, primary));
  }

  /** Where a step starts from: the cursor asked for last, if its frame is still on its way. */
  function stepBase(): number {
    const pb = get().playback;
    return frames(pb.primary).wantCursor ?? pb.cursor;
  }

  async function seekTime(tNs: number): Promise<void> {
    setPb({ tNs: Math.max(0, tNs) });
    await Promise.all(frameAll({ type: 'time', tNs: Math.max(0, tNs) }));
  }

  async function toLandmark(dir: 1 | -1): Promise<void> {
    pause();
    const primary = get().playback.primary;
    const c = stepBase();
    for (let guard = 0; guard < 1000; guard++) {
      const slot = get().sims[primary];
      if (!slot?.progress) return;
      // A landmark is shown just after it: cursor = its index + 1.
      const lm = dir > 0 ? slot.landmarks.find((l) => l.i + 1 > c) : lastBefore(slot.landmarks, c);
      if (lm) return seek(lm.i + 1);
      if (dir < 0) return seek(0);
      if (slot.progress.done) return;
      await ensureComputed(ctx, primary, { type: 'cursor', cursor: slot.progress.events + ctx.tuning.chunkEvents });
    }
  }

  async function stepForward(): Promise<void> {
    pause();
    const primary = get().playback.primary;
    const target = stepBase() + 1;
    const t: FrameTarget = { type: 'cursor', cursor: target };
    if (!isComputed(ctx, primary, t)) await ensureComputed(ctx, primary, t);
    // At the very end of the run, stay there.
    await seek(Math.min(target, latestProgress(ctx, primary)?.events ?? 0));
  }

  return {
    playback: { primary: MAIN_SIM, cursor: 0, tNs: 0, playing: false, speedIndex: DEFAULT_SPEED_INDEX },
    stopLoop: pause,
    actions: {
      play,
      pause,
      togglePlay: () => (get().playback.playing ? pause() : play()),
      stepForward: () => guarded(ctx, stepForward),
      stepBack: () =>
        guarded(ctx, async () => {
          pause();
          await seek(Math.max(0, stepBase() - 1));
        }),
      nextLandmark: () => guarded(ctx, () => toLandmark(1)),
      prevLandmark: () => guarded(ctx, () => toLandmark(-1)),
      seek: (cursor) => guarded(ctx, () => seek(cursor)),
      seekTime: (tNs) => guarded(ctx, () => seekTime(tNs)),
      setSpeedIndex: (i) => setPb({ speedIndex: clampSpeedIndex(i) }),
      faster: () => setPb({ speedIndex: clampSpeedIndex(get().playback.speedIndex + 1) }),
      slower: () => setPb({ speedIndex: clampSpeedIndex(get().playback.speedIndex - 1) }),
    },
  };
}
