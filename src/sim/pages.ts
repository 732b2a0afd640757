/**
 * Shadow-page bookkeeping: `active_mmu_pages` (a doubly linked FIFO, head = newest),
 * `mmu_page_hash` (3.11 hashed by `gfn & 1023`), allocation and freeing. The hash is kept as
 * bucket sizes (what a lookup's cost depends on) plus an exact (gfn, level, direct) index (what its
 * result depends on); see docs/MODEL.md.
 */
import { KVM_MMU_HASH_BUCKETS, SPTES_PER_PAGE } from './constants.ts';
import { NO_PAGE, pageId, type PageId, type Role, type ShadowPage, type SimState } from './types.ts';

/** `kvm_page_table_hashfn` in 3.11: the low 10 bits of the gfn (hash_64 came in 4.10, 114df303a7ee). */
export function hashBucket(gfn: number): number {
  return gfn & (KVM_MMU_HASH_BUCKETS - 1);
}

export function indexKey(gfn: number, level: number, direct: boolean): string {
  return `${gfn}:${level}:${direct ? 1 : 0}`;
}

export function page(s: SimState, id: PageId): ShadowPage {
  const p = s.pages.get(id);
  if (p === undefined) throw new Error(`no shadow page ${id}`);
  return p;
}

/** `is_obsolete_sp`. */
export function isObsolete(s: SimState, sp: ShadowPage): boolean {
  return sp.gen !== s.mmuValidGen;
}

/** list_add(&sp->link, &active_mmu_pages): insert at the head. */
export function listAddHead(s: SimState, sp: ShadowPage): void {
  sp.older = s.head;
  sp.newer = NO_PAGE;
  if (s.head !== NO_PAGE) page(s, s.head).newer = sp.id;
  s.head = sp.id;
  if (s.tail === NO_PAGE) s.tail = sp.id;
  sp.list = 'active';
}

/** list_del(&sp->link) from the active list. */
export function listDel(s: SimState, sp: ShadowPage): void {
  if (sp.newer !== NO_PAGE) page(s, sp.newer).older = sp.older;
  else s.head = sp.older;
  if (sp.older !== NO_PAGE) page(s, sp.older).newer = sp.newer;
  else s.tail = sp.newer;
  sp.newer = NO_PAGE;
  sp.older = NO_PAGE;
}

/** `kvm_mmu_alloc_page` + the hash insert of `kvm_mmu_get_page`; stamps `mmu_valid_gen`. */
export function allocPage(s: SimState, gfn: number, role: Role, createdAt: number): ShadowPage {
  const sp: ShadowPage = {
    id: pageId(s.nextPageId++),
    gfn,
    role,
    gen: s.mmuValidGen,
    children: new Map(),
    leaves: role.level === 1 ? new Array<number>(SPTES_PER_PAGE / 32).fill(0) : null,
    leafCount: 0,
    parents: [],
    rootCount: 0,
    unsync: false,
    unsyncChildren: 0,
    list: 'active',
    newer: NO_PAGE,
    older: NO_PAGE,
    createdAt,
  };
  s.pages.set(sp.id, sp);
  listAddHead(s, sp);
  s.hashCount[hashBucket(gfn)]!++;
  const key = indexKey(gfn, role.level, role.direct);
  const same = s.index.get(key);
  if (same) same.push(sp.id);
  else s.index.set(key, [sp.id]);
  s.nUsedMmuPages++;
  return sp;
}

/** `kvm_mmu_free_page`: drop from the hash and from whatever list holds it. */
export function freePage(s: SimState, sp: ShadowPage): void {
  s.hashCount[hashBucket(sp.gfn)]!--;
  const key = indexKey(sp.gfn, sp.role.level, sp.role.direct);
  const same = s.index.get(key);
  if (same) {
    const j = same.indexOf(sp.id);
    if (j >= 0) same.splice(j, 1);
    if (same.length === 0) s.index.delete(key);
  }
  s.pages.delete(sp.id);
}

/** Is the 4 KiB frame `gfn` mapped by a present leaf in the tree under `root`? */
export function translate(s: SimState, root: PageId, gfn: number): boolean {
  let sp = s.pages.get(root);
  while (sp !== undefined) {
    if (sp.role.level === 1) {
      const idx = gfn & 511;
      return ((sp.leaves![idx >> 5]! >>> (idx & 31)) & 1) === 1;
    }
    const child = sp.children.get((gfn >>> ((sp.role.level - 1) * 9)) & 511);
    if (child === undefined) return false;
    sp = s.pages.get(child);
  }
  return false;
}

/** Set leaf spte `idx` of a level-1 page; returns whether it was newly set. */
export function setLeaf(sp: ShadowPage, idx: number): boolean {
  const w = idx >> 5;
  const bit = 1 << (idx & 31);
  const words = sp.leaves!;
  if ((words[w]! & bit) !== 0) return false;
  words[w] = words[w]! | bit;
  sp.leafCount++;
  return true;
}
