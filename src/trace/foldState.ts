/**
 * The mutable state of the fold (event log → picture): what the events say about pages, the
 * active list, vCPUs, the lock and the zapper. Only the fold's own files touch it; the UI sees
 * Frames built from it (frameOf.ts).
 */
import type { PageState, StrategyNames, VcpuActivityView } from './frame.ts';

/** Where a page is, from the events: on active_mmu_pages, on a zap list, or freed. */
export type FoldList = 'active' | 'zapped' | 'freed';

export interface FoldPage {
  readonly id: number;
  readonly level: number;
  readonly gfn: number;
  readonly gen: number;
  invalid: boolean;
  rootCount: number;
  leaves: number;
  /** spte index → child page id. */
  readonly children: Map<number, number>;
  parents: { page: number; index: number }[];
  list: FoldList;
  /** active_mmu_pages links: toward the head (newer) and the tail (older); -1 at the ends. */
  newer: number;
  older: number;
  readonly createdAt: number;
  changedAt: number;
  freedAt: number;
}

export interface FoldVcpu {
  readonly id: number;
  activity: VcpuActivityView;
  root: number | null;
  inGuest: boolean;
  paused: boolean;
  reqReload: boolean;
  reqTlbFlush: boolean;
  faults: number;
  /** A fault is in progress (fault.started, until the vCPU releases mmu_lock). */
  faultGfn: number | null;
}

interface FoldZapper {
  /** Between invalidation.started and invalidation.done. */
  inInvalidation: boolean;
  batch: number;
  cursor: number | null;
  breaks: number[];
  /** The last entry is the batch in progress. */
  batches: number[][];
}

/** What a fold needs besides the events: the vCPU count and the strategy's names. */
export interface FoldRun {
  readonly vcpus: number;
  readonly names: StrategyNames;
}

/** Counts per level (index = level, 0 unused) for the classes a page can be in. */
type LevelCounts = number[];

export interface FoldState {
  /** Events applied. */
  cursor: number;
  tNs: number;
  globalGen: number;
  pages: Map<number, FoldPage>;
  head: number;
  tail: number;
  nUsed: number;
  /** Active, not invalid pages per generation (valid = the global gen's, obsolete = the others). */
  activeByGen: Map<number, LevelCounts>;
  invalidRoots: LevelCounts;
  zapped: LevelCounts;
  freed: LevelCounts;
  /** Freed pages still shown, in the order they were freed. */
  freedQueue: number[];
  /**
   * Indices of the gen.bumped events, in order: generation order is bump order (a toggled
   * generation's value goes back to 0). A page created after k bumps is of epoch k and became
   * obsolete at `bumps[k]`.
   */
  bumps: number[];
  /** The run's strategy names (constant). */
  readonly names: StrategyNames;
  vcpus: FoldVcpu[];
  lock: { holder: string | null; heldSinceNs: number; waiters: string[] };
  zapper: FoldZapper;
}

/** Levels 1..4 (index 0 unused). */
export const MAX_LEVEL = 4;
const levelCounts = (): LevelCounts => new Array<number>(MAX_LEVEL + 1).fill(0);

/** The picture before any event: no pages, every vCPU outside the guest with no root. */
export function createFoldState(run: FoldRun): FoldState {
  return {
    cursor: 0,
    tNs: 0,
    globalGen: 0,
    pages: new Map(),
    head: -1,
    tail: -1,
    nUsed: 0,
    activeByGen: new Map(),
    invalidRoots: levelCounts(),
    zapped: levelCounts(),
    freed: levelCounts(),
    freedQueue: [],
    bumps: [],
    names: run.names,
    vcpus: Array.from({ length: run.vcpus }, (_, id) => ({
      id,
      activity: 'exiting',
      root: null,
      inGuest: false,
      paused: false,
      reqReload: false,
      reqTlbFlush: false,
      faults: 0,
      faultGfn: null,
    })),
    lock: { holder: null, heldSinceNs: 0, waiters: [] },
    zapper: { inInvalidation: false, batch: 0, cursor: null, breaks: [], batches: [] },
  };
}

/** The parts of a fold state other than its pages and the zapper's batches. */
export type FoldRest = Omit<FoldState, 'pages' | 'zapper'> & { readonly zapper: Omit<FoldState['zapper'], 'batches'> };

/** A deep copy of everything but the pages and the zapper's batches (shared by clone and pack). */
export function copyFoldRest(s: FoldRest): FoldRest {
  const activeByGen = new Map<number, LevelCounts>();
  for (const [g, c] of s.activeByGen) activeByGen.set(g, c.slice());
  const z = s.zapper;
  return {
    cursor: s.cursor,
    tNs: s.tNs,
    globalGen: s.globalGen,
    head: s.head,
    tail: s.tail,
    nUsed: s.nUsed,
    activeByGen,
    invalidRoots: s.invalidRoots.slice(),
    zapped: s.zapped.slice(),
    freed: s.freed.slice(),
    freedQueue: s.freedQueue.slice(),
    bumps: s.bumps.slice(),
    names: s.names,
    vcpus: s.vcpus.map((v) => ({ ...v })),
    lock: { ...s.lock, waiters: s.lock.waiters.slice() },
    zapper: { inInvalidation: z.inInvalidation, batch: z.batch, cursor: z.cursor, breaks: z.breaks.slice() },
  };
}

/** Deep copy (the reference the packed checkpoints are tested against). */
export function cloneFoldState(s: FoldState): FoldState {
  const pages = new Map<number, FoldPage>();
  for (const [id, p] of s.pages) pages.set(id, { ...p, children: new Map(p.children), parents: p.parents.map((x) => ({ ...x })) });
  const r = copyFoldRest(s);
  return { ...r, pages, zapper: { ...r.zapper, batches: s.zapper.batches.map((b) => b.slice()) } };
}

/** The epoch of a page created at event `createdAt`: how many bumps came before it. */
export function epochAt(bumps: readonly number[], createdAt: number): number {
  let lo = 0;
  let hi = bumps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bumps[mid]! < createdAt) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A page's drawn state (see PageState). */
export function pageState(s: FoldState, p: FoldPage): PageState {
  if (p.list === 'freed') return 'freed';
  if (p.list === 'zapped') return 'zapped';
  // Invalid while still on the active list: a zapped root still in use, parked at the head.
  if (p.invalid) return 'invalid-root';
  return p.gen === s.globalGen ? 'valid' : 'obsolete';
}

/** The count array a page is counted in (active pages by their generation). */
function countsOf(s: FoldState, p: FoldPage): LevelCounts {
  if (p.list === 'freed') return s.freed;
  if (p.list === 'zapped') return s.zapped;
  if (p.invalid) return s.invalidRoots;
  let c = s.activeByGen.get(p.gen);
  if (!c) {
    c = levelCounts();
    s.activeByGen.set(p.gen, c);
  }
  return c;
}

/** Count a page in (+1) or out (-1) of its class. */
export function count(s: FoldState, p: FoldPage, delta: 1 | -1): void {
  const c = countsOf(s, p);
  c[p.level] = (c[p.level] ?? 0) + delta;
}

/**
 * Change a page's class-defining fields (`list`, `invalid`) with the counts kept right; stamps
 * `changedAt` when its drawn state changes.
 */
export function reclass(s: FoldState, p: FoldPage, at: number, change: (p: FoldPage) => void): void {
  const before = pageState(s, p);
  count(s, p, -1);
  change(p);
  count(s, p, 1);
  if (pageState(s, p) !== before) p.changedAt = at;
}

/** list_add at the head of active_mmu_pages. */
export function listAddHead(s: FoldState, p: FoldPage): void {
  p.older = s.head;
  p.newer = -1;
  if (s.head !== -1) {
    const h = s.pages.get(s.head);
    if (h) h.newer = p.id;
  }
  s.head = p.id;
  if (s.tail === -1) s.tail = p.id;
}

/** list_del from active_mmu_pages. */
export function listDel(s: FoldState, p: FoldPage): void {
  if (p.newer !== -1) {
    const n = s.pages.get(p.newer);
    if (n) n.older = p.older;
  } else if (s.head === p.id) s.head = p.older;
  if (p.older !== -1) {
    const o = s.pages.get(p.older);
    if (o) o.newer = p.newer;
  } else if (s.tail === p.id) s.tail = p.newer;
  p.newer = -1;
  p.older = -1;
}
