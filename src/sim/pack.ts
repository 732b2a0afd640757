/**
 * Packed snapshots of the simulation state, for checkpoints kept a long time: the shadow pages
 * (most of a state's size) as int32 words, the hash index and the n_used samples flattened. About
 * a fifth of a deep copy's memory; unpacking gives a state equal to the one packed, with every
 * Map and list in the same order (so a run continued from it logs the same events).
 */
import { SPTES_PER_PAGE } from './constants.ts';
import { copyStateWith } from './clone.ts';
import { pageId, type PageId, type PageList, type ShadowPage, type SimState } from './types.ts';

const LEAF_WORDS = SPTES_PER_PAGE / 32;
const LISTS: readonly PageList[] = ['active', 'zapped_obsolete', 'invalid_list'];
/** Fixed words per page: id, gfn, level, direct, invalid, access, quadrant, gen, leafCount, rootCount, unsync, unsyncChildren, list, newer, older, createdAt, hasLeaves, children, parents. */
const FIXED = 19;

/** Everything but the pages, the index and the samples (those three are empty here). */
type Rest = SimState;

/** Write a page's child and parent sptes as (index, page) and (page, index) pairs; returns the new offset. */
export function writeLinks(
  a: Int32Array,
  w: number,
  children: ReadonlyMap<number, number>,
  parents: readonly { page: number; index: number }[],
): number {
  for (const [idx, child] of children) {
    a[w++] = idx;
    a[w++] = child;
  }
  for (const x of parents) {
    a[w++] = x.page;
    a[w++] = x.index;
  }
  return w;
}

/** Read back what writeLinks wrote into `children` and `parents`, page ids made by `asPage`; returns the new offset. */
export function readLinks<P extends number>(
  a: Int32Array,
  w: number,
  nChildren: number,
  nParents: number,
  children: Map<number, P>,
  parents: { page: P; index: number }[],
  asPage: (n: number) => P,
): number {
  for (let k = 0; k < nChildren; k++, w += 2) children.set(a[w]!, asPage(a[w + 1]!));
  for (let k = 0; k < nParents; k++, w += 2) parents.push({ page: asPage(a[w]!), index: a[w + 1]! });
  return w;
}

/** A packed state (see packState). Treat it as opaque. */
export interface PackedState {
  readonly rest: Rest;
  readonly pages: Int32Array;
  readonly indexKeys: readonly string[];
  /** Per key: the number of ids, then the ids. */
  readonly indexIds: Int32Array;
  /** (tNs, n) pairs. */
  readonly nUsedSamples: Float64Array;
  /** Approximate bytes held (for checkpoint budgets). */
  readonly bytes: number;
}

/** Pack `s` (not modified; nothing is shared with it but immutable values). */
export function packState(s: Readonly<SimState>): PackedState {
  let size = 0;
  for (const p of s.pages.values()) size += FIXED + (p.leaves ? LEAF_WORDS : 0) + 2 * (p.children.size + p.parents.length);
  const a = new Int32Array(size);
  let w = 0;
  for (const p of s.pages.values()) {
    const r = p.role;
    const leaves = p.leaves;
    a[w] = p.id;
    a[w + 1] = p.gfn;
    a[w + 2] = r.level;
    a[w + 3] = r.direct ? 1 : 0;
    a[w + 4] = r.invalid ? 1 : 0;
    a[w + 5] = r.access;
    a[w + 6] = r.quadrant;
    a[w + 7] = p.gen;
    a[w + 8] = p.leafCount;
    a[w + 9] = p.rootCount;
    a[w + 10] = p.unsync ? 1 : 0;
    a[w + 11] = p.unsyncChildren;
    a[w + 12] = p.list === 'active' ? 0 : p.list === 'zapped_obsolete' ? 1 : 2;
    a[w + 13] = p.newer;
    a[w + 14] = p.older;
    a[w + 15] = p.createdAt;
    a[w + 16] = leaves ? 1 : 0;
    a[w + 17] = p.children.size;
    a[w + 18] = p.parents.length;
    w += FIXED;
    if (leaves) for (let k = 0; k < LEAF_WORDS; k++) a[w++] = leaves[k] ?? 0;
    w = writeLinks(a, w, p.children, p.parents);
  }
  const keys = new Array<string>(s.index.size);
  let nIds = s.index.size;
  for (const v of s.index.values()) nIds += v.length;
  const indexIds = new Int32Array(nIds);
  let q = 0;
  let k = 0;
  for (const [key, v] of s.index) {
    keys[k++] = key;
    indexIds[q++] = v.length;
    for (const id of v) indexIds[q++] = id;
  }
  const samples = new Float64Array(s.metrics.nUsedSamples.length * 2);
  q = 0;
  for (const x of s.metrics.nUsedSamples) {
    samples[q++] = x[0];
    samples[q++] = x[1];
  }
  const rest: Rest = copyStateWith(s, new Map(), new Map(), []);
  const small =
    8 * (s.hashCount.length + s.zappedObsolete.length + s.zapper.invalidList.length + s.queue.length * 6 + s.metrics.batchSizes.length) +
    4096;
  return {
    rest,
    pages: a,
    indexKeys: keys,
    indexIds,
    nUsedSamples: samples,
    bytes: a.byteLength + indexIds.byteLength + samples.byteLength + keys.length * 40 + small,
  };
}

/** A fresh state equal to the one packed into `p` (`p` can be unpacked again). */
export function unpackState(p: PackedState): SimState {
  const pages = new Map<PageId, ShadowPage>();
  const a = p.pages;
  let w = 0;
  while (w < a.length) {
    const hasLeaves = a[w + 16] === 1;
    const nChildren = a[w + 17]!;
    const nParents = a[w + 18]!;
    const sp: ShadowPage = {
      id: pageId(a[w]!),
      gfn: a[w + 1]!,
      role: { level: a[w + 2]!, direct: a[w + 3] === 1, invalid: a[w + 4] === 1, access: a[w + 5]!, quadrant: a[w + 6]! },
      gen: a[w + 7]!,
      children: new Map(),
      leaves: null,
      leafCount: a[w + 8]!,
      parents: [],
      rootCount: a[w + 9]!,
      unsync: a[w + 10] === 1,
      unsyncChildren: a[w + 11]!,
      list: LISTS[a[w + 12]!]!,
      newer: pageId(a[w + 13]!),
      older: pageId(a[w + 14]!),
      createdAt: a[w + 15]!,
    };
    w += FIXED;
    if (hasLeaves) {
      sp.leaves = Array.from(a.subarray(w, w + LEAF_WORDS));
      w += LEAF_WORDS;
    }
    w = readLinks(a, w, nChildren, nParents, sp.children, sp.parents, pageId);
    pages.set(sp.id, sp);
  }
  const index = new Map<string, PageId[]>();
  let q = 0;
  for (const key of p.indexKeys) {
    const len = p.indexIds[q++]!;
    index.set(key, Array.from(p.indexIds.subarray(q, q + len), pageId));
    q += len;
  }
  const nUsedSamples: [number, number][] = [];
  for (let k = 0; k < p.nUsedSamples.length; k += 2) nUsedSamples.push([p.nUsedSamples[k]!, p.nUsedSamples[k + 1]!]);
  return copyStateWith(p.rest, pages, index, nUsedSamples);
}
