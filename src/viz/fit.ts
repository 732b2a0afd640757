/** Camera maths for the forest: fit a box into the viewport, and which labels a zoom level can afford. */
import type { Bounds } from './layout.ts';
import type { ViewTransform } from './tween.ts';

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The transform that shows `b` (world units) centred in `view` with `pad` pixels around, capped at `maxK`. */
export function fitTransform(b: Bounds, view: Size, pad: number, maxK: number): ViewTransform {
  const w = Math.max(1, b.x1 - b.x0);
  const h = Math.max(1, b.y1 - b.y0);
  const k = Math.max(0.02, Math.min(maxK, (view.width - 2 * pad) / w, (view.height - 2 * pad) / h));
  return { k, x: view.width / 2 - k * (b.x0 + w / 2), y: view.height / 2 - k * (b.y0 + h / 2) };
}

export function sameTransform(a: ViewTransform, b: ViewTransform): boolean {
  return Math.abs(a.k - b.k) < 1e-4 && Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;
}

/** Label detail for a zoom: none below ~9 px per column, gen digits until ~34 px, then full text. */
export type LabelTier = 'none' | 'short' | 'full';

export function labelTier(k: number, sep: number): LabelTier {
  const px = k * sep;
  if (px < 9) return 'none';
  if (px < 34) return 'short';
  return 'full';
}
