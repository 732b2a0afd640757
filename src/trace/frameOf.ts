/**
 * From the fold state to a Frame: plain, freshly allocated data (the fold state keeps changing;
 * a frame is posted to another thread). Beyond DETAIL_LIMIT pages only counts and a byte strip
 * of the active list are sent.
 */
import type { SimEvent } from '../sim/events.ts';
import { DETAIL_LIMIT, PAGE_STATES, type AggregateCell, type Frame, type PageState, type PageView } from './frame.ts';
import { MAX_LEVEL, epochAt, pageState, type FoldPage, type FoldState } from './foldState.ts';

export interface FrameOptions {
  /** 'aggregate' leaves out per-page data even for small runs. */
  readonly detail: 'auto' | 'aggregate';
  /** The event at cursor - 1. */
  readonly last: SimEvent | null;
}

const STATE_CODE = new Map<PageState, number>(PAGE_STATES.map((st, k) => [st, k]));

function pageView(s: FoldState, p: FoldPage): PageView {
  const state = pageState(s, p);
  const first = p.parents[0];
  const epoch = epochAt(s.bumps, p.createdAt);
  // An obsolete page changed at the bump that ended its generation.
  const since = state === 'obsolete' ? (s.bumps[epoch] ?? p.changedAt) : p.changedAt;
  return {
    id: p.id,
    level: p.level,
    gfn: p.gfn,
    gen: p.gen,
    epoch,
    state,
    invalid: p.invalid,
    parent: first ? first.page : null,
    index: first ? first.index : 0,
    parents: p.parents.map((x) => x.page),
    rootCount: p.rootCount,
    leaves: p.leaves,
    children: p.children.size,
    unsync: false,
    createdAt: p.createdAt,
    changedAt: Math.max(p.changedAt, since),
    freedAt: p.freedAt >= 0 ? p.freedAt : null,
  };
}

/** Counts per (level, state) for levels 1..MAX_LEVEL, zero cells included. */
function aggregateOf(s: FoldState): AggregateCell[] {
  const cells: AggregateCell[] = [];
  for (let level = 1; level <= MAX_LEVEL; level++) {
    let valid = 0;
    let obsolete = 0;
    for (const [gen, c] of s.activeByGen) {
      if (gen === s.globalGen) valid += c[level] ?? 0;
      else obsolete += c[level] ?? 0;
    }
    const counts: Record<PageState, number> = {
      valid,
      obsolete,
      'invalid-root': s.invalidRoots[level] ?? 0,
      zapped: s.zapped[level] ?? 0,
      freed: s.freed[level] ?? 0,
    };
    for (const state of PAGE_STATES) cells.push({ level, state, count: counts[state] });
  }
  return cells;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** active_mmu_pages from tail (oldest) to head (newest). */
export function activeIds(s: Readonly<FoldState>): number[] {
  const out: number[] = [];
  for (let id = s.tail; id !== -1;) {
    out.push(id);
    const p = s.pages.get(id);
    if (!p) break;
    id = p.newer;
  }
  return out;
}

function activeStateStrip(s: FoldState): Uint8Array {
  let n = sum(s.invalidRoots);
  for (const c of s.activeByGen.values()) n += sum(c);
  const strip = new Uint8Array(n);
  let k = 0;
  for (let id = s.tail; id !== -1 && k < n;) {
    const p = s.pages.get(id);
    if (!p) break;
    strip[k++] = STATE_CODE.get(pageState(s, p)) ?? 0;
    id = p.newer;
  }
  return strip;
}

/** The picture the fold state describes. */
export function frameOf(s: FoldState, opts: FrameOptions): Frame {
  const live = s.pages.size - s.freedQueue.length;
  const detail = opts.detail === 'auto' && live <= DETAIL_LIMIT;
  const z = s.zapper;
  return {
    cursor: s.cursor,
    tNs: s.tNs,
    globalGen: s.globalGen,
    epoch: s.bumps.length,
    names: s.names,
    detail,
    pageCount: s.pages.size,
    pages: detail ? Array.from(s.pages.values(), (p) => pageView(s, p)) : null,
    aggregate: aggregateOf(s),
    activeList: detail ? activeIds(s) : null,
    activeStates: detail ? null : activeStateStrip(s),
    zappedCount: sum(s.zapped),
    nUsed: s.nUsed,
    vcpus: s.vcpus.map((v) => ({ ...v })),
    lock: { holder: s.lock.holder, heldSinceNs: s.lock.heldSinceNs, waiters: s.lock.waiters.slice() },
    zapper: {
      active: z.inInvalidation || s.lock.holder === 'zapper' || s.lock.waiters.includes('zapper'),
      batch: z.batch,
      cursor: z.cursor,
      breaks: z.breaks.slice(),
      batches: detail ? z.batches.map((b) => b.slice()) : null,
      batchSizes: z.batches.map((b) => b.length),
    },
    last: opts.last,
  };
}
