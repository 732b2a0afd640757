/**
 * Packed fold states, for the Folder's checkpoints: pages as int32 words (about a seventh of the
 * objects' memory), everything else copied. Unpacking gives a state equal to the packed one,
 * with the page map and every child map in the same order.
 */
import { readLinks, writeLinks } from '../sim/pack.ts';
import { copyFoldRest, type FoldList, type FoldPage, type FoldRest, type FoldState } from './foldState.ts';

const LISTS: readonly FoldList[] = ['active', 'zapped', 'freed'];
/** id, level, gfn, gen, invalid, rootCount, leaves, list, newer, older, createdAt, changedAt, freedAt, children, parents. */
const FIXED = 15;

type Rest = FoldRest;

/** A packed fold state (see packFold). Treat it as opaque. */
export interface PackedFold {
  readonly cursor: number;
  readonly rest: Rest;
  readonly pages: Int32Array;
  readonly pageCount: number;
  /** The zapper's batches: their count, each one's length, then the ids. */
  readonly batches: Int32Array;
  /** Approximate bytes held (for checkpoint budgets). */
  readonly bytes: number;
}

/** Pack `s` (not modified). */
export function packFold(s: Readonly<FoldState>): PackedFold {
  let size = 0;
  for (const p of s.pages.values()) size += FIXED + 2 * (p.children.size + p.parents.length);
  const a = new Int32Array(size);
  let w = 0;
  for (const p of s.pages.values()) {
    a[w++] = p.id;
    a[w++] = p.level;
    a[w++] = p.gfn;
    a[w++] = p.gen;
    a[w++] = p.invalid ? 1 : 0;
    a[w++] = p.rootCount;
    a[w++] = p.leaves;
    a[w++] = LISTS.indexOf(p.list);
    a[w++] = p.newer;
    a[w++] = p.older;
    a[w++] = p.createdAt;
    a[w++] = p.changedAt;
    a[w++] = p.freedAt;
    a[w++] = p.children.size;
    a[w++] = p.parents.length;
    w = writeLinks(a, w, p.children, p.parents);
  }
  const bs = s.zapper.batches;
  let nb = 1 + bs.length;
  for (const b of bs) nb += b.length;
  const batches = new Int32Array(nb);
  let q = 0;
  batches[q++] = bs.length;
  for (const b of bs) batches[q++] = b.length;
  for (const b of bs) for (const id of b) batches[q++] = id;
  const rest = copyFoldRest(s);
  const small = 64 * (s.vcpus.length + s.freedQueue.length + s.bumps.length + s.activeByGen.size + s.zapper.breaks.length) + 1024;
  return { cursor: s.cursor, rest, pages: a, pageCount: s.pages.size, batches, bytes: a.byteLength + batches.byteLength + small };
}

/** A fresh fold state equal to the one packed into `p` (`p` can be unpacked again). */
export function unpackFold(p: PackedFold): FoldState {
  const pages = new Map<number, FoldPage>();
  const a = p.pages;
  let w = 0;
  while (w < a.length) {
    const nChildren = a[w + 13]!;
    const nParents = a[w + 14]!;
    const page: FoldPage = {
      id: a[w]!,
      level: a[w + 1]!,
      gfn: a[w + 2]!,
      gen: a[w + 3]!,
      invalid: a[w + 4] === 1,
      rootCount: a[w + 5]!,
      leaves: a[w + 6]!,
      children: new Map(),
      parents: [],
      list: LISTS[a[w + 7]!]!,
      newer: a[w + 8]!,
      older: a[w + 9]!,
      createdAt: a[w + 10]!,
      changedAt: a[w + 11]!,
      freedAt: a[w + 12]!,
    };
    w += FIXED;
    w = readLinks(a, w, nChildren, nParents, page.children, page.parents, Number);
    pages.set(page.id, page);
  }
  const b = p.batches;
  const count = b[0]!;
  const batches: number[][] = [];
  let q = 1 + count;
  for (let k = 0; k < count; k++) {
    const len = b[1 + k]!;
    batches.push(Array.from(b.subarray(q, q + len)));
    q += len;
  }
  const r = copyFoldRest(p.rest);
  return { ...r, pages, zapper: { ...r.zapper, batches } };
}
