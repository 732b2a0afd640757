/**
 * One event applied to the fold state: the same bookkeeping the kernel functions do, replayed
 * from what each event carries (docs/TRACE.md). `applyEvent` is the whole rule book.
 */
import { vcpuOf } from '../sim/actors.ts';
import type { SimEvent } from '../sim/events.ts';
import { FREED_WINDOW } from './frame.ts';
import { count, listAddHead, listDel, reclass, type FoldPage, type FoldState, type FoldVcpu } from './foldState.ts';

type Ev<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;

function pageCreated(s: FoldState, e: Ev<'page.created'>): void {
  const p: FoldPage = {
    id: e.page,
    level: e.level,
    gfn: e.gfn,
    gen: e.gen,
    invalid: false,
    rootCount: 0,
    leaves: e.leaves,
    children: new Map(),
    parents: [],
    list: 'active',
    newer: -1,
    older: -1,
    createdAt: e.i,
    changedAt: e.i,
    freedAt: -1,
  };
  s.pages.set(p.id, p);
  listAddHead(s, p);
  count(s, p, 1);
  s.nUsed++;
  if (e.parent !== null) link(s, e.parent, e.index, p.id);
}

function link(s: FoldState, parent: number, index: number, child: number): void {
  s.pages.get(parent)?.children.set(index, child);
  s.pages.get(child)?.parents.push({ page: parent, index });
}

/** kvm_mmu_prepare_zap_page: unlink children and parents, then park at the head or move to a zap list. */
function pagePrepared(s: FoldState, e: Ev<'page.prepared'>): void {
  const p = s.pages.get(e.page);
  if (!p) return;
  p.leaves = 0;
  for (const [idx, childId] of p.children) {
    const child = s.pages.get(childId);
    if (!child) continue;
    const at = child.parents.findIndex((x) => x.page === p.id && x.index === idx);
    if (at >= 0) child.parents.splice(at, 1);
  }
  p.children.clear();
  for (const x of p.parents) s.pages.get(x.page)?.children.delete(x.index);
  p.parents = [];
  listDel(s, p);
  if (e.to === 'head') {
    listAddHead(s, p);
    reclass(s, p, e.i, (q) => (q.invalid = true));
  } else {
    reclass(s, p, e.i, (q) => {
      q.invalid = true;
      q.list = 'zapped';
    });
    s.nUsed--;
  }
  if (e.actor === 'zapper') {
    const z = s.zapper;
    z.batch = e.batch;
    z.cursor = e.page;
    if (e.to !== 'head') {
      if (z.batches.length === 0) z.batches.push([]);
      z.batches[z.batches.length - 1]!.push(e.page);
    }
  }
}

function pageFreed(s: FoldState, e: Ev<'page.freed'>): void {
  const p = s.pages.get(e.page);
  s.nUsed = e.nUsed;
  if (!p) return;
  if (p.list === 'active') listDel(s, p);
  reclass(s, p, e.i, (q) => (q.list = 'freed'));
  p.freedAt = e.i;
  s.freedQueue.push(p.id);
}

/** Freed pages leave the picture FREED_WINDOW events after they were freed. */
function dropFaded(s: FoldState): void {
  const q = s.freedQueue;
  let k = 0;
  while (k < q.length) {
    const p = s.pages.get(q[k]!);
    if (p && p.freedAt + FREED_WINDOW >= s.cursor) break;
    if (p) {
      count(s, p, -1);
      s.pages.delete(p.id);
    }
    k++;
  }
  if (k > 0) q.splice(0, k);
}

/** root_count does not change a page's class: a parked root is 'invalid-root' until prepared again. */
function setRootCount(s: FoldState, page: number, rootCount: number): void {
  const p = s.pages.get(page);
  if (p) p.rootCount = rootCount;
}

/** A vCPU holds mmu_lock for a fault, or else to free / allocate / sync roots (a reload). */
function lockedActivity(v: FoldVcpu): 'faulting' | 'reloading' {
  return v.faultGfn !== null ? 'faulting' : 'reloading';
}

function lockEvent(s: FoldState, e: Ev<'lock.contended' | 'lock.acquired' | 'lock.released'>, v: FoldVcpu | undefined): void {
  const lock = s.lock;
  switch (e.type) {
    case 'lock.contended':
      lock.waiters.push(e.actor);
      if (v) v.activity = 'spinning';
      return;
    case 'lock.acquired': {
      lock.holder = e.actor;
      lock.heldSinceNs = e.tNs;
      const at = lock.waiters.indexOf(e.actor);
      if (at >= 0) lock.waiters.splice(at, 1);
      if (v) v.activity = lockedActivity(v);
      return;
    }
    case 'lock.released': {
      // Ticket hand-off: the first waiter owns the lock from now on.
      lock.holder = lock.waiters.shift() ?? null;
      lock.heldSinceNs = e.tNs;
      if (v) {
        // What follows in the same step says what it does next (another lock request for
        // kvm_mmu_sync_roots, vcpu.entered, reload.serviced...); a paused vCPU parks silently.
        v.faultGfn = null;
        v.activity = v.paused ? 'paused' : 'exiting';
      }
      // A vCPU handed the lock no longer spins: it does what it waited for.
      const next = lock.holder === null ? undefined : s.vcpus[vcpuOf(lock.holder)];
      if (next) next.activity = lockedActivity(next);
      return;
    }
  }
}

/** What an event that names one vCPU, and nothing else, does to it. */
function vcpuEvent(x: FoldVcpu, e: Ev<'reload.serviced' | 'vcpu.entered' | 'vcpu.exited' | 'vcpu.paused' | 'vcpu.resumed'>): void {
  switch (e.type) {
    case 'reload.serviced':
      x.reqReload = false;
      x.activity = 'reloading';
      return;
    case 'vcpu.entered':
      x.inGuest = true;
      x.activity = 'guest';
      x.root = e.root;
      return;
    case 'vcpu.exited':
      x.inGuest = false;
      // A paused vCPU parks at its next vcpu_enter_guest (which emits nothing): show it paused now.
      x.activity = e.reason === 'ept-violation' ? 'faulting' : x.paused ? 'paused' : 'exiting';
      return;
    case 'vcpu.paused':
      x.paused = true;
      if (x.activity === 'exiting') x.activity = 'paused';
      return;
    case 'vcpu.resumed':
      x.paused = false;
      if (x.activity === 'paused') x.activity = 'exiting';
      return;
  }
}

/** Apply event `e` (which must be event number `s.cursor`) to the fold state. */
// eslint-disable-next-line max-lines-per-function -- the reducer: one case per event type (eslint.limits.js, LIMIT_EXCEPTIONS)
export function applyEvent(s: FoldState, e: SimEvent): void {
  s.cursor = e.i + 1;
  s.tNs = e.tNs;
  const v = s.vcpus[vcpuOf(e.actor)];
  switch (e.type) {
    case 'page.created':
      pageCreated(s, e);
      break;
    case 'page.linked':
      link(s, e.parent, e.index, e.page);
      break;
    case 'page.prepared':
      pagePrepared(s, e);
      break;
    case 'root.parked':
      setRootCount(s, e.page, e.rootCount);
      break;
    case 'page.freed':
      pageFreed(s, e);
      break;
    case 'gen.bumped':
      // Order is the order of these events, never the values (a toggled generation returns to 0).
      s.globalGen = e.newGen;
      s.bumps.push(e.i);
      break;
    case 'reload.requested':
      for (const id of e.vcpus) {
        const x = s.vcpus[id];
        if (x) x.reqReload = true;
      }
      break;
    case 'root.loaded': {
      const x = s.vcpus[e.vcpu];
      if (x) {
        x.root = e.page;
        // kvm_mmu_load ends with a local TLB flush (the setup's pre-loaded roots do not).
        if (e.actor !== 'setup') x.reqTlbFlush = true;
      }
      setRootCount(s, e.page, e.rootCount);
      break;
    }
    case 'root.dropped': {
      const x = s.vcpus[e.vcpu];
      if (x) x.root = null;
      setRootCount(s, e.page, e.rootCount);
      break;
    }
    case 'lock.contended':
    case 'lock.acquired':
    case 'lock.released':
      lockEvent(s, e, v);
      break;
    case 'lock.broken':
      s.zapper.breaks.push(e.i);
      s.zapper.batches.push([]);
      s.zapper.batch = 0;
      break;
    case 'invalidation.started':
      s.zapper = { inInvalidation: true, batch: 0, cursor: null, breaks: [], batches: [[]] };
      break;
    case 'invalidation.done':
      s.zapper.inInvalidation = false;
      break;
    case 'zap.walk.done':
      break;
    case 'tlb.flushed':
      if (e.scope === 'remote') for (const x of s.vcpus) x.reqTlbFlush = true;
      else if (e.vcpu !== null) {
        const x = s.vcpus[e.vcpu];
        if (x) x.reqTlbFlush = false;
      }
      break;
    case 'fault.started': {
      const x = s.vcpus[e.vcpu];
      if (x) {
        x.faults++;
        x.faultGfn = e.gfn;
        x.activity = 'faulting';
      }
      break;
    }
    case 'fault.done': {
      const leaf = s.pages.get(e.leafPage);
      if (leaf) leaf.leaves = e.leaves;
      break;
    }
    case 'reload.serviced':
    case 'vcpu.entered':
    case 'vcpu.exited':
    case 'vcpu.paused':
    case 'vcpu.resumed': {
      const x = s.vcpus[e.vcpu];
      if (x) vcpuEvent(x, e);
      break;
    }
    case 'workload.changed':
    case 'shrink.done':
      break;
  }
  if (s.freedQueue.length > 0) dropFaded(s);
}
