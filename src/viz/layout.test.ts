import { describe, expect, it } from 'vitest';
import type { PageState, PageView } from '../trace/frame.ts';
import { DEFAULT_LAYOUT, layoutForest, type ForestLayout } from './layout.ts';
import { extendColumns, packColumns } from './columns.ts';

const L1 = 512;

/** A page; its epoch (bump order) is its generation unless given (a toggled generation). */
function page(id: number, level: number, gfn: number, parent: number | null, gen = 0, state: PageState = 'valid', epoch = gen): PageView {
  return {
    id,
    level,
    gfn,
    gen,
    epoch,
    state,
    invalid: state === 'invalid-root',
    parent,
    index: 0,
    parents: parent === null ? [] : [parent],
    rootCount: level === 4 ? 1 : 0,
    leaves: 0,
    children: 0,
    unsync: false,
    createdAt: id,
    changedAt: id,
    freedAt: null,
  };
}

/** The classroom's tree: root 1, L3 2, L2 3, and `n` level-1 pages 4.. at gfn 0, 512, … */
function tree(n: number, gen = 0, firstId = 1, gfns?: readonly number[]): PageView[] {
  const r = firstId;
  const pages = [page(r, 4, 0, null, gen), page(r + 1, 3, 0, r, gen), page(r + 2, 2, 0, r + 1, gen)];
  const keys = gfns ?? Array.from({ length: n }, (_, i) => i * L1);
  keys.forEach((g, i) => pages.push(page(r + 3 + i, 1, g, r + 2, gen)));
  return pages;
}

const xOf = (l: ForestLayout, id: number) => l.nodes.get(id)?.x;
const yOf = (l: ForestLayout, id: number) => l.nodes.get(id)?.y;

describe('layoutForest', () => {
  it('puts roots at the top and level-1 pages at the bottom, parents over their columns', () => {
    const l = layoutForest(tree(4), null);
    expect(yOf(l, 1)).toBe(0);
    expect(yOf(l, 4)).toBe(3 * DEFAULT_LAYOUT.rowGap);
    const xs = [4, 5, 6, 7].map((id) => xOf(l, id) ?? NaN);
    expect(xOf(l, 3)).toBeCloseTo(((xs[0] ?? 0) + (xs[3] ?? 0)) / 2);
    expect(xOf(l, 1)).toBeCloseTo(xOf(l, 3) ?? NaN);
    expect(l.edges).toContainEqual({ source: 3, target: 4 });
    expect(l.nodes.get(1)?.subtree).toBe(7);
  });

  it('orders level-1 pages by gfn, whatever their ids', () => {
    const l = layoutForest(tree(0, 0, 1, [5 * L1, 1 * L1, 3 * L1]), null);
    const [a, b, c] = [4, 5, 6].map((id) => xOf(l, id) ?? NaN);
    expect(b).toBeLessThan(c ?? NaN);
    expect(c).toBeLessThan(a ?? NaN);
  });

  it('keeps every page in place while new pages and a new generation appear', () => {
    const before = tree(32);
    const l0 = layoutForest(before, null);
    // The bump: every old page turns obsolete; a new root and a few new pages arrive in gen 1.
    const after = [...before.map((p) => ({ ...p, state: 'obsolete' as const })), ...tree(0, 1, 100, [7 * L1, 2 * L1])];
    const l1 = layoutForest(after, l0.memory);
    for (const p of before) {
      expect(xOf(l1, p.id)).toBe(xOf(l0, p.id));
      expect(yOf(l1, p.id)).toBe(yOf(l0, p.id));
    }
    // The new tree regrows in its own band, to the right, and the same gfn sits in the same column.
    const oldMax = Math.max(...before.map((p) => xOf(l1, p.id) ?? NaN));
    expect(Math.min(...[100, 101, 102, 103, 104].map((id) => xOf(l1, id) ?? NaN))).toBeGreaterThan(oldMax);
    const shift = (xOf(l1, 103) ?? NaN) - (xOf(l1, 4 + 7) ?? NaN);
    expect((xOf(l1, 104) ?? NaN) - (xOf(l1, 4 + 2) ?? NaN)).toBeCloseTo(shift);
    // Later the old tree is freed; the new one stays where it was.
    const later = [...tree(0, 1, 100, [7 * L1, 2 * L1]), page(110, 1, 9 * L1, 102, 1)];
    const l2 = layoutForest(later, l1.memory);
    for (const id of [100, 101, 102, 103, 104]) expect(xOf(l2, id)).toBe(xOf(l1, id));
  });

  it('slots new columns between old ones without moving them', () => {
    const l0 = layoutForest(tree(0, 0, 1, [0, 4 * L1, 8 * L1]), null);
    const grown = [...tree(0, 0, 1, [0, 4 * L1, 8 * L1]), page(20, 1, 2 * L1, 3), page(21, 1, 10 * L1, 3)];
    const l1 = layoutForest(grown, l0.memory);
    for (const id of [4, 5, 6]) expect(xOf(l1, id)).toBe(xOf(l0, id));
    expect(xOf(l1, 20)).toBeGreaterThan(xOf(l1, 4) ?? NaN);
    expect(xOf(l1, 20)).toBeLessThan(xOf(l1, 5) ?? NaN);
    expect(xOf(l1, 21)).toBeGreaterThan(xOf(l1, 6) ?? NaN);
  });

  it('places orphans in their level row, in their own column, flagged', () => {
    const pages = [...tree(3), page(40, 1, 6 * L1, null), page(41, 2, 512 * L1, null)];
    const l = layoutForest(pages, null);
    expect(yOf(l, 40)).toBe(yOf(l, 4));
    expect(yOf(l, 41)).toBe(yOf(l, 3));
    expect(l.nodes.get(40)?.orphan).toBe(true);
    expect(l.nodes.get(41)?.orphan).toBe(true);
    expect(l.nodes.get(4)?.orphan).toBe(false);
    expect(l.nodes.get(1)?.orphan).toBe(false);
    expect(xOf(l, 40)).toBeGreaterThan(xOf(l, 6) ?? NaN);
    expect(xOf(l, 41)).not.toBeCloseTo(xOf(l, 3) ?? NaN);
    expect(l.edges.some((e) => e.target === 40 || e.target === 41)).toBe(false);
  });

  it('never overlaps two pages of one row and band', () => {
    const pages = [...tree(0, 0, 1, [0, 3 * L1, 9 * L1, 600 * L1]), page(50, 2, 512 * L1, 1), page(51, 1, 513 * L1, 50)];
    const l = layoutForest(pages, null);
    const rows = new Map<number, number[]>();
    for (const n of l.nodes.values()) rows.set(n.y, [...(rows.get(n.y) ?? []), n.x]);
    for (const xs of rows.values()) {
      xs.sort((a, b) => a - b);
      for (let i = 1; i < xs.length; i++) expect((xs[i] ?? 0) - (xs[i - 1] ?? 0)).toBeGreaterThanOrEqual(DEFAULT_LAYOUT.sep - 1e-9);
    }
  });

  it('fans out pages of the same generation, level and gfn (a parked root and its successor)', () => {
    const pages = [page(1, 4, 0, null, 0, 'invalid-root'), page(9, 4, 0, null, 0)];
    const l = layoutForest(pages, null);
    expect(xOf(l, 9)).not.toBe(xOf(l, 1));
    expect(yOf(l, 9)).toBeGreaterThan(yOf(l, 1) ?? NaN);
  });

  it('folds a wide band into lines of level-1 pages, stable and without overlaps', () => {
    const big = tree(200);
    const l0 = layoutForest(big, null);
    expect(l0.folded).toBe(true);
    const perLine = l0.memory.perLine ?? 0;
    expect(perLine).toBeGreaterThanOrEqual(32);
    const l1 = [...l0.nodes.values()].filter((n) => n.level === 1);
    const spots = new Set(l1.map((n) => `${Math.round(n.x)}:${Math.round(n.y)}`));
    expect(spots.size).toBe(200);
    const xs = l1.map((n) => n.x);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThanOrEqual((perLine - 1) * DEFAULT_LAYOUT.sep + 1e-6);
    expect(l0.bottom).toBeGreaterThan(3 * DEFAULT_LAYOUT.rowGap);
    // Page k sits at line floor(k / perLine), column k mod perLine.
    expect(yOf(l0, 4 + perLine)).toBe(3 * DEFAULT_LAYOUT.rowGap + DEFAULT_LAYOUT.lineGap);
    expect(xOf(l0, 4 + perLine)).toBe(xOf(l0, 4));
    // No edges into folded level-1 pages; the upper tree keeps its edges.
    expect(l0.edges.some((e) => e.target >= 4)).toBe(false);
    expect(l0.edges).toContainEqual({ source: 1, target: 2 });
    // Stable: the old generation keeps its places when a new one starts.
    const l1b = layoutForest([...big.map((p) => ({ ...p, state: 'obsolete' as const })), ...tree(0, 1, 1000, [0])], l0.memory);
    for (const p of big) expect(xOf(l1b, p.id)).toBe(xOf(l0, p.id));
    expect(xOf(l1b, 1003)).toBeGreaterThan(Math.max(...xs));
  });

  it('orders bands by bump order, not by value: a toggled generation 0 regrows right of generation 1', () => {
    // Bump 1 (0 → 1) made the gen-1 tree (epoch 1); bump 2 toggled back to 0 (epoch 2).
    const gen1 = tree(3, 1, 1).map((p) => ({ ...p, state: 'obsolete' as const }));
    const gen0 = tree(0, 0, 100, [0, L1]).map((p) => ({ ...p, epoch: 2 }));
    const l = layoutForest([...gen1, ...gen0], null);
    expect(l.bands.map((b) => [b.epoch, b.gen])).toEqual([
      [1, 1],
      [2, 0],
    ]);
    expect(Math.min(...gen0.map((p) => xOf(l, p.id) ?? NaN))).toBeGreaterThan(Math.max(...gen1.map((p) => xOf(l, p.id) ?? NaN)));
    // The same gfn sits in the same column of each band.
    expect((xOf(l, 103) ?? NaN) - (xOf(l, 4) ?? NaN)).toBeCloseTo(l.memory.stride);
  });

  it('returns empty bounds for no pages', () => {
    const l = layoutForest([], null);
    expect(l.nodes.size).toBe(0);
    expect(l.bounds).toEqual({ x0: 0, y0: 0, x1: 0, y1: 0 });
  });
});

describe('columns', () => {
  const opts = { sep: 10, maxGap: 2 };
  it('packs holes to at most maxGap columns', () => {
    expect(packColumns([0, 1, 100], opts).xs).toEqual([0, 10, 30]);
  });
  it('extends in place, and gives up when there is no room', () => {
    const c = packColumns([0, 3], opts);
    const c1 = extendColumns(c, [1], opts);
    expect(c1?.xs).toEqual([0, 10, 20]);
    expect(c1 && extendColumns(c1, [2], opts)).toBeNull();
  });
});
