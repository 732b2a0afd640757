/** Sizes of the forest's marks in world units (the layout's units), shared by its layers. */
import { DEFAULT_LAYOUT, bandSpan, type ForestLayout } from '../../viz/layout.ts';

export const SEP = DEFAULT_LAYOUT.sep;
export const ROW_GAP = DEFAULT_LAYOUT.rowGap;
export const MAX_LEVEL = DEFAULT_LAYOUT.maxLevel;
const L1_SIZE = 21;
export const UPPER_H = 28;
const UPPER_MAX_W = 118;
/** The vCPU row, above the roots. */
export const VCPU_ROW_Y = -ROW_GAP * 1.05;
export const VCPU_W = 64;
export const VCPU_H = 30;
/** Band captions, under the lowest row (folded bands have several level-1 lines). */
export function bandLabelY(layout: ForestLayout): number {
  return Math.max(layout.bottom, (MAX_LEVEL - 1) * ROW_GAP) + 46;
}

export function nodeHeight(level: number): number {
  return level <= 1 ? L1_SIZE : UPPER_H;
}

/**
 * Width of each node: level-1 pages are squares; upper pages widen to show their words, up to
 * the room left by their row neighbours.
 */
export function nodeWidths(layout: ForestLayout): Map<number, number> {
  const rows = new Map<number, { id: number; x: number; level: number }[]>();
  for (const n of layout.nodes.values()) rows.set(n.y, [...(rows.get(n.y) ?? []), { id: n.id, x: n.x, level: n.level }]);
  const out = new Map<number, number>();
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    row.forEach((n, i) => {
      if (n.level <= 1) {
        out.set(n.id, L1_SIZE);
        return;
      }
      const left = row[i - 1];
      const right = row[i + 1];
      const room = Math.min(left ? n.x - left.x : Infinity, right ? right.x - n.x : Infinity) - 6;
      out.set(n.id, Math.max(L1_SIZE, Math.min(UPPER_MAX_W, room)));
    });
  }
  return out;
}

/**
 * The box the camera fits: the live (not freed) pages, plus the vCPU row, row captions and band
 * captions; when one generation is left, its whole band (so a lone new root shows where its tree
 * will regrow). Fading ghosts do not hold the camera.
 */
export function fitBounds(layout: ForestLayout, live: readonly number[]) {
  let x0 = Infinity;
  let x1 = -Infinity;
  const epochs = new Set<number>();
  for (const id of live) {
    const n = layout.nodes.get(id);
    if (!n) continue;
    epochs.add(n.epoch);
    x0 = Math.min(x0, n.x);
    x1 = Math.max(x1, n.x);
  }
  const [only] = epochs;
  if (epochs.size === 1 && only !== undefined) {
    const b = bandSpan(layout.memory, only);
    x0 = Math.min(x0, b.x0);
    x1 = Math.max(x1, b.x1);
  }
  if (!Number.isFinite(x0)) ({ x0, x1 } = layout.bounds);
  return { x0: x0 - 96, x1: x1 + UPPER_MAX_W / 2 + 8, y0: VCPU_ROW_Y - VCPU_H, y1: bandLabelY(layout) + 14 };
}
