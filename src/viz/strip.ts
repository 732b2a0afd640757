/**
 * The `active_mmu_pages` strip, as geometry: head (newest) on the left, tail (oldest) on the
 * right, then the zapper's list (`zapped_obsolete_pages`) with its batches bracketed, the latest
 * batch next to the tail, and a mark at each lock break between batches. Wide lists collapse into
 * runs of one state, so a 500,000-page list is a handful of rectangles.
 */
import { PAGE_STATES, type PageState } from '../trace/frame.ts';

export interface StripCell {
  readonly x: number;
  readonly w: number;
  readonly state: PageState;
  /** The page, when the cell is one page. */
  readonly page: number | null;
  /** Pages in the cell (1, or a run's length). */
  readonly count: number;
}

interface StripBatch {
  readonly x: number;
  readonly w: number;
  /** 1-based, in zap order. */
  readonly n: number;
  readonly size: number;
}

export interface StripLayout {
  readonly cells: readonly StripCell[];
  readonly batches: readonly StripBatch[];
  /** x of each lock break (between two batches). */
  readonly breaks: readonly number[];
  /** x of the tail end of the active list (where the walk restarts). */
  readonly tailX: number;
  /** x where the zap list starts, or null when it is empty. */
  readonly zapX: number | null;
  readonly cellW: number;
}

export interface StripInput {
  /** State codes (index into PAGE_STATES) of active_mmu_pages, tail first. */
  readonly active: ArrayLike<number>;
  /** Page ids, same order, or null (aggregated frames). */
  readonly ids: readonly number[] | null;
  /** The zapper's batches, in zap order: sizes, and the pages when known. */
  readonly batches: readonly { readonly size: number; readonly ids: readonly number[] | null }[];
  /** Lock breaks so far: break k follows batch k (so the newest may follow the last non-empty batch). */
  readonly breaks: number;
  /** State of a zapped page by id (zapped until the commit, then freed). */
  readonly stateOf: (id: number) => PageState;
  /** Width in pixels. */
  readonly width: number;
}

/** Cells narrower than this are merged into runs. */
const MIN_CELL_PX = 3;

const code = (s: PageState) => PAGE_STATES.indexOf(s);
const stateAt = (c: number | undefined): PageState => PAGE_STATES[c ?? 0] ?? 'valid';

/** Merge a sequence of (state, page) left to right into cells of width cellW, or runs if too narrow. */
function cellsOf(seq: { state: number; page: number | null }[], x0: number, cellW: number, out: StripCell[]) {
  const runs = cellW < MIN_CELL_PX;
  let i = 0;
  while (i < seq.length) {
    const first = seq[i];
    if (!first) break;
    let j = i + 1;
    if (runs) while (j < seq.length && seq[j]?.state === first.state) j++;
    out.push({ x: x0 + i * cellW, w: (j - i) * cellW, state: stateAt(first.state), page: j - i === 1 ? first.page : null, count: j - i });
    i = j;
  }
}

export function layoutStrip(input: StripInput): StripLayout {
  const n = input.active.length;
  const z = input.batches.reduce((s, b) => s + b.size, 0);
  const gap = z > 0 ? Math.max(2, Math.round((n + z) * 0.03)) : 0;
  const cellW = input.width / Math.max(1, n + z + gap);
  const cells: StripCell[] = [];
  // Head first: the last element of the tail-first array.
  const activeSeq: { state: number; page: number | null }[] = [];
  for (let t = n - 1; t >= 0; t--) activeSeq.push({ state: input.active[t] ?? 0, page: input.ids?.[t] ?? null });
  cellsOf(activeSeq, 0, cellW, cells);
  const tailX = n * cellW;
  if (z === 0) return { cells, batches: [], breaks: [], tailX, zapX: null, cellW };

  const zapX = (n + gap) * cellW;
  const batches: StripBatch[] = [];
  const breaks: number[] = [];
  const zapSeq: { state: number; page: number | null }[] = [];
  let x = zapX;
  // Latest batch first (next to the tail), each batch latest page first.
  for (let b = input.batches.length - 1; b >= 0; b--) {
    const batch = input.batches[b];
    if (!batch || batch.size === 0) continue;
    // The break that ended this batch sits on its newer (left) edge.
    if (b < input.breaks) breaks.push(x);
    batches.push({ x, w: batch.size * cellW, n: b + 1, size: batch.size });
    const ids = batch.ids ? [...batch.ids].reverse() : null;
    for (let k = 0; k < batch.size; k++) {
      const id = ids?.[k];
      zapSeq.push({ state: code(id === undefined ? 'zapped' : input.stateOf(id)), page: id ?? null });
    }
    x += batch.size * cellW;
  }
  cellsOf(zapSeq, zapX, cellW, cells);
  return { cells, batches, breaks, tailX, zapX, cellW };
}
