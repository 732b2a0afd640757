/**
 * Columns of the forest: one per 2 MiB guest region (a level-1 page's gfn >> 9), in gfn order.
 * A column keeps its x once placed (the layout remembers it), so a page keeps its place between
 * steps; a new column slots in between its neighbours. Only when there is no room left between
 * them are all columns packed again (a relayout, which the UI tweens).
 */

/** A level-1 page covers 512 4-KiB frames: its column key is gfn / 512. */
const FRAMES_PER_L1 = 512;

export interface Columns {
  /** Column keys, ascending. */
  readonly keys: readonly number[];
  /** x of each key (same index), strictly ascending. */
  readonly xs: readonly number[];
}

export interface ColumnOptions {
  /** Distance between adjacent columns. */
  readonly sep: number;
  /** A hole in the keys of more than this many columns is drawn as this many (unmapped memory). */
  readonly maxGap: number;
}

export const EMPTY_COLUMNS: Columns = { keys: [], xs: [] };

/** The column key of a page: the first 2 MiB region it covers. */
export function columnKey(gfn: number): number {
  return Math.floor(gfn / FRAMES_PER_L1);
}

/** How many columns a page of this level spans (512^(level-1)). */
export function columnSpan(level: number): number {
  return FRAMES_PER_L1 ** Math.max(0, level - 1);
}

/** Index of the first key >= k (keys ascending). */
export function lowerBound(keys: readonly number[], k: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? Infinity) < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Pack keys afresh: adjacent keys one `sep` apart, holes capped at `maxGap` columns. */
export function packColumns(keys: readonly number[], opts: ColumnOptions): Columns {
  const sorted = [...new Set(keys)].sort((a, b) => a - b);
  const xs: number[] = [];
  let x = 0;
  sorted.forEach((k, i) => {
    const prev = sorted[i - 1];
    if (prev !== undefined) x += opts.sep * Math.min(k - prev, opts.maxGap);
    xs.push(x);
  });
  return { keys: sorted, xs };
}

/**
 * Add `wanted` keys to `prev`, keeping every existing x. Returns null when a new key has no room
 * between its neighbours (the caller then packs everything again).
 */
export function extendColumns(prev: Columns, wanted: readonly number[], opts: ColumnOptions): Columns | null {
  const keys = [...prev.keys];
  const xs = [...prev.xs];
  const fresh = [...new Set(wanted)].filter((k) => {
    const i = lowerBound(keys, k);
    return keys[i] !== k;
  });
  fresh.sort((a, b) => a - b);
  for (const k of fresh) {
    const i = lowerBound(keys, k);
    const lk = keys[i - 1];
    const lx = xs[i - 1];
    const rk = keys[i];
    const rx = xs[i];
    let x: number;
    if (lk !== undefined && lx !== undefined && rk !== undefined && rx !== undefined) {
      const lo = lx + opts.sep;
      const hi = rx - opts.sep;
      if (lo > hi + 1e-9) return null;
      x = Math.min(hi, Math.max(lo, lx + opts.sep * Math.min(k - lk, opts.maxGap)));
    } else if (lk !== undefined && lx !== undefined) {
      x = lx + opts.sep * Math.min(k - lk, opts.maxGap);
    } else if (rk !== undefined && rx !== undefined) {
      x = rx - opts.sep * Math.min(rk - k, opts.maxGap);
    } else {
      x = 0;
    }
    keys.splice(i, 0, k);
    xs.splice(i, 0, x);
  }
  return { keys, xs };
}

/**
 * x of a page spanning columns [key, key + span): the middle of the known columns it covers
 * (a level-1 page: its own column). Null if it covers no known column.
 */
export function spanX(cols: Columns, key: number, span: number): number | null {
  const lo = lowerBound(cols.keys, key);
  const hi = lowerBound(cols.keys, key + span) - 1;
  const a = cols.xs[lo];
  const b = cols.xs[hi];
  if (hi < lo || a === undefined || b === undefined) return null;
  return (a + b) / 2;
}
