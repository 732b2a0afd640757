/**
 * The shadow-page forest's layout: a pure function of the pages drawn and the previous layout's
 * memory. Rows are levels (level-4 roots at the top, level-1 pages at the bottom); columns are
 * 2 MiB guest regions in gfn order (columns.ts); each generation gets its own band in bump order
 * (the page's epoch, not the generation's value, which a toggling kernel sends back to 0), oldest
 * on the left, so the old tree is zapped on the left while the new one regrows on the right in the
 * same shape. A page's x depends only on (epoch, level, gfn) and the remembered columns, so it
 * keeps its place while it exists, and a page with no parent (orphaned by a zap) stays in its row
 * and column. d3-hierarchy builds the forest for the edges and the subtree sizes.
 */
import { stratify } from 'd3-hierarchy';
import type { PageView } from '../trace/frame.ts';
import { EMPTY_COLUMNS, columnKey, columnSpan, extendColumns, lowerBound, packColumns, spanX, type Columns } from './columns.ts';
import { fold, linesFor, unitsOf } from './wrap.ts';

export interface LayoutOptions {
  /** Distance between adjacent level-1 columns. */
  readonly sep: number;
  /** Distance between level rows. */
  readonly rowGap: number;
  /** Space between generation bands. */
  readonly bandGap: number;
  /** Unmapped holes wider than this many columns are drawn this wide. */
  readonly maxGap: number;
  /** The root level (4 for 4-level EPT). */
  readonly maxLevel: number;
  /** Fold a band's level-1 row into lines past this many columns (wrap.ts). */
  readonly wrapAbove: number;
  readonly minLine: number;
  readonly lineGap: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  sep: 26,
  rowGap: 84,
  bandGap: 90,
  maxGap: 2,
  maxLevel: 4,
  wrapAbove: 40,
  minLine: 32,
  lineGap: 34,
};

/** What the next layout needs to keep places stable. */
export interface LayoutMemory {
  readonly columns: Columns;
  /** Distance between the origins of adjacent generation bands. */
  readonly stride: number;
  /** The epoch (bump count, PageView.epoch) whose band starts at x = 0. */
  readonly epochBase: number;
  /** Level-1 columns per folded line, or null when bands are not folded. */
  readonly perLine: number | null;
}

interface NodePos {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly level: number;
  readonly gen: number;
  /** Its generation's place in bump order: its band. */
  readonly epoch: number;
  /** Not a root and no parent: its parent spte was cleared by a zap. */
  readonly orphan: boolean;
  /** Pages in its subtree, itself included. */
  readonly subtree: number;
}

interface EdgePos {
  readonly source: number;
  readonly target: number;
}

/** One generation's band; bands are in bump order (epoch), whatever their `gen` values. */
interface Band {
  readonly gen: number;
  readonly epoch: number;
  readonly x0: number;
  readonly x1: number;
}

export interface Bounds {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface ForestLayout {
  readonly nodes: ReadonlyMap<number, NodePos>;
  /** Bands are folded: edges into level-1 pages are left out (position shows the parent). */
  readonly folded: boolean;
  /** y of the lowest row (the last folded line). */
  readonly bottom: number;
  readonly edges: readonly EdgePos[];
  readonly bands: readonly Band[];
  readonly bounds: Bounds;
  readonly memory: LayoutMemory;
}

/** Which column keys the pages need: every level-1 column, plus one for an upper page that covers none. */
function wantedKeys(pages: readonly PageView[], known: readonly number[]): number[] {
  const l1 = pages.filter((p) => p.level <= 1).map((p) => columnKey(p.gfn));
  const sorted = [...new Set([...known, ...l1])].sort((a, b) => a - b);
  const extra: number[] = [];
  for (const p of pages) {
    if (p.level <= 1) continue;
    const k = columnKey(p.gfn);
    const i = lowerBound(sorted, k);
    const hit = sorted[i];
    if (hit === undefined || hit >= k + columnSpan(p.level)) extra.push(k);
  }
  return [...l1, ...extra];
}

/** The columns, extended in place when possible; `packed` when they were all placed afresh. */
function placeColumns(pages: readonly PageView[], prev: LayoutMemory | null, opts: LayoutOptions): { columns: Columns; packed: boolean } {
  const prevCols = prev?.columns ?? EMPTY_COLUMNS;
  const wanted = wantedKeys(pages, prevCols.keys);
  const copts = { sep: opts.sep, maxGap: opts.maxGap };
  if (prev) {
    const extended = extendColumns(prevCols, wanted, copts);
    if (extended) return { columns: extended, packed: false };
  }
  return { columns: packColumns([...prevCols.keys, ...wanted], copts), packed: true };
}

/** Parent links and subtree sizes through d3-hierarchy (a virtual node holds roots and orphans). */
function forest(pages: readonly PageView[]): { edges: EdgePos[]; subtree: Map<number, number> } {
  const ids = new Set(pages.map((p) => p.id));
  const VIRTUAL = 'forest';
  const rows = [
    { id: VIRTUAL, parent: null as string | null },
    ...pages.map((p) => ({ id: String(p.id), parent: p.parent !== null && ids.has(p.parent) ? String(p.parent) : VIRTUAL })),
  ];
  const subtree = new Map<number, number>();
  try {
    const root = stratify<(typeof rows)[number]>()
      .id((d) => d.id)
      .parentId((d) => d.parent)(rows)
      .sum(() => 1);
    root.each((n) => {
      if (n.data.id !== VIRTUAL) subtree.set(Number(n.data.id), n.value ?? 1);
    });
    const edges = root
      .links()
      .filter((l) => l.source.data.id !== VIRTUAL)
      .map((l) => ({ source: Number(l.source.data.id), target: Number(l.target.data.id) }));
    return { edges, subtree };
  } catch {
    // A malformed frame (a parent cycle) still draws: edges straight from the parent fields.
    const edges = pages.filter((p) => p.parent !== null && ids.has(p.parent)).map((p) => ({ source: p.parent ?? 0, target: p.id }));
    return { edges, subtree };
  }
}

/**
 * Lay out the pages. Pass the previous layout's `memory` to keep places (null after loading a new
 * scenario). Pages of the same generation, level and gfn (a parked invalid root and its successor
 * under zap-all) are fanned out slightly, oldest first.
 */
export function layoutForest(pages: readonly PageView[], prev: LayoutMemory | null, opts: LayoutOptions = DEFAULT_LAYOUT): ForestLayout {
  const { columns, packed } = placeColumns(pages, prev, opts);
  const first = columns.xs[0] ?? 0;
  const last = columns.xs[columns.xs.length - 1] ?? 0;
  // Keep the remembered line length unless the band has grown well past it (a run that started
  // small, e.g. from a partial first frame): then fold afresh (a relayout).
  const wantLine = linesFor(unitsOf(columns, opts.sep), opts);
  const keep = prev && !packed && prev.perLine !== null && wantLine !== null && wantLine <= prev.perLine * 1.5;
  const perLine = keep ? prev.perLine : wantLine;
  const bandWidth = perLine !== null ? perLine * opts.sep : last - first + opts.sep;
  const need = bandWidth + opts.bandGap;
  const stride = prev && prev.stride >= need ? prev.stride : need;
  const epochs = pages.map((p) => p.epoch);
  const epochBase = prev?.epochBase ?? (epochs.length ? Math.min(...epochs) : 0);
  const { edges, subtree } = forest(pages);
  const l1Row = (opts.maxLevel - 1) * opts.rowGap;

  const nodes = new Map<number, NodePos>();
  const seen = new Map<string, number>();
  const sorted = [...pages].sort((a, b) => a.id - b.id);
  let bottom = pages.length ? l1Row : 0;
  for (const p of sorted) {
    const key = columnKey(p.gfn);
    const slot = `${p.epoch}:${p.level}:${key}`;
    const dup = seen.get(slot) ?? 0;
    seen.set(slot, dup + 1);
    const cx = spanX(columns, key, columnSpan(p.level)) ?? 0;
    const { x, line } = perLine !== null ? fold(cx, p.level, columns, perLine, opts) : { x: cx, line: 0 };
    const y = (opts.maxLevel - p.level) * opts.rowGap + line * opts.lineGap + dup * opts.rowGap * 0.2;
    bottom = Math.max(bottom, y);
    nodes.set(p.id, {
      id: p.id,
      x: (p.epoch - epochBase) * stride + x + dup * opts.sep * 0.45,
      y,
      level: p.level,
      gen: p.gen,
      epoch: p.epoch,
      orphan: p.parent === null && p.level < opts.maxLevel,
      subtree: subtree.get(p.id) ?? 1,
    });
  }
  const shown = perLine !== null ? edges.filter((e) => (nodes.get(e.target)?.level ?? 0) > 1) : edges;
  return {
    nodes,
    edges: shown,
    folded: perLine !== null,
    bottom,
    bands: bandsOf(nodes),
    bounds: boundsOf(nodes),
    memory: { columns, stride, epochBase, perLine },
  };
}

/** The x range the band of `epoch` reserves: all remembered columns, whether drawn or not. */
export function bandSpan(memory: LayoutMemory, epoch: number, sep: number = DEFAULT_LAYOUT.sep): { x0: number; x1: number } {
  const origin = (epoch - memory.epochBase) * memory.stride;
  const xs = memory.columns.xs;
  const first = xs[0] ?? 0;
  const last = xs[xs.length - 1] ?? 0;
  return { x0: origin + first, x1: origin + (memory.perLine !== null ? first + (memory.perLine - 1) * sep : last) };
}

function bandsOf(nodes: ReadonlyMap<number, NodePos>): Band[] {
  const byEpoch = new Map<number, { gen: number; x0: number; x1: number }>();
  for (const n of nodes.values()) {
    const b = byEpoch.get(n.epoch);
    if (b) {
      b.x0 = Math.min(b.x0, n.x);
      b.x1 = Math.max(b.x1, n.x);
    } else byEpoch.set(n.epoch, { gen: n.gen, x0: n.x, x1: n.x });
  }
  return [...byEpoch.entries()].sort((a, b) => a[0] - b[0]).map(([epoch, b]) => ({ epoch, ...b }));
}

function boundsOf(nodes: ReadonlyMap<number, NodePos>): Bounds {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes.values()) {
    x0 = Math.min(x0, n.x);
    y0 = Math.min(y0, n.y);
    x1 = Math.max(x1, n.x);
    y1 = Math.max(y1, n.y);
  }
  return Number.isFinite(x0) ? { x0, y0, x1, y1 } : { x0: 0, y0: 0, x1: 0, y1: 0 };
}
