/**
 * Tweens as pure functions of time: given where things were, where they are going, when the
 * change started and now, return what to draw. Nothing here keeps a clock; callers pass `nowMs`
 * (requestAnimationFrame's timestamp), so a paused or reduced-motion picture is just t = 1.
 */
import { easeCubicInOut } from 'd3-ease';
import { interpolateNumber } from 'd3-interpolate';

export interface Placed {
  readonly x: number;
  readonly y: number;
  readonly opacity: number;
}

/** Progress of a tween in [0, 1], eased. Zero duration (reduced motion) is always done. */
export function progress(startMs: number, durationMs: number, nowMs: number): number {
  if (durationMs <= 0) return 1;
  const t = Math.min(1, Math.max(0, (nowMs - startMs) / durationMs));
  return easeCubicInOut(t);
}

/**
 * Interpolate placements by id at eased progress `t`: ids in both move, ids only in `to` fade in
 * at their place, ids only in `from` fade out at theirs.
 */
export function tweenById(from: ReadonlyMap<number, Placed>, to: ReadonlyMap<number, Placed>, t: number): Map<number, Placed> {
  const out = new Map<number, Placed>();
  for (const [id, b] of to) {
    const a = from.get(id);
    if (a) {
      out.set(id, {
        x: interpolateNumber(a.x, b.x)(t),
        y: interpolateNumber(a.y, b.y)(t),
        opacity: interpolateNumber(a.opacity, b.opacity)(t),
      });
    } else {
      out.set(id, { ...b, opacity: b.opacity * t });
    }
  }
  if (t < 1) {
    for (const [id, a] of from) if (!to.has(id)) out.set(id, { ...a, opacity: a.opacity * (1 - t) });
  }
  return out;
}

export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** Interpolate a camera transform (zoom in log space, so a fit from far away does not lurch). */
export function tweenTransform(a: ViewTransform, b: ViewTransform, t: number): ViewTransform {
  const k = Math.exp(interpolateNumber(Math.log(a.k), Math.log(b.k))(t));
  return { x: interpolateNumber(a.x, b.x)(t), y: interpolateNumber(a.y, b.y)(t), k };
}

/** Opacity of a freed page: fully visible when freed, gone `fadeEvents` events later. */
export function freedOpacity(freedAt: number, cursor: number, fadeEvents: number): number {
  if (fadeEvents <= 0) return 0;
  return Math.max(0, Math.min(1, 1 - (cursor - freedAt) / fadeEvents));
}
