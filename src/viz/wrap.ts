/**
 * Wide bands fold: past `wrapAbove` columns, the level-1 row of a band is laid out in lines of
 * `perLine` columns (like text), under upper levels drawn compressed to the line's width. A
 * 1,024-page tree is then a 51 × 21 grid of states instead of a one-pixel line, and the batches
 * of a zap read as blocks. The line length is remembered, so places stay stable.
 */
import type { Columns } from './columns.ts';

export interface WrapOptions {
  readonly sep: number;
  /** Fold when a band has more column units than this. */
  readonly wrapAbove: number;
  /** Never fold into lines shorter than this. */
  readonly minLine: number;
  /** Vertical distance between folded lines. */
  readonly lineGap: number;
}

/** Columns per line, or null for no folding: about sqrt(2.5 n), so a band is a bit wider than tall. */
export function linesFor(units: number, opts: WrapOptions): number | null {
  if (units <= opts.wrapAbove) return null;
  return Math.max(opts.minLine, Math.ceil(Math.sqrt(units * 2.5)));
}

/** Column units of a column set: (last - first) / sep + 1. */
export function unitsOf(cols: Columns, sep: number): number {
  const first = cols.xs[0] ?? 0;
  const last = cols.xs[cols.xs.length - 1] ?? 0;
  return cols.xs.length ? Math.round((last - first) / sep) + 1 : 0;
}

/**
 * Where an unfolded column position lands when folded: level-1 pages go to their line; upper
 * pages are spread proportionally over one line's width. Returns band-local x and the line.
 */
export function fold(cx: number, level: number, cols: Columns, perLine: number, opts: WrapOptions): { x: number; line: number } {
  const first = cols.xs[0] ?? 0;
  const u = (cx - first) / opts.sep;
  if (level <= 1) {
    const line = Math.floor(u / perLine + 1e-9);
    return { x: first + (u - line * perLine) * opts.sep, line };
  }
  const units = unitsOf(cols, opts.sep);
  const squeeze = units > 1 ? Math.min(1, (perLine - 1) / (units - 1)) : 1;
  return { x: first + u * squeeze * opts.sep, line: 0 };
}
