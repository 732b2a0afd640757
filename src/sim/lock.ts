/**
 * `kvm->mmu_lock`. In 3.11 x86 spinlocks were ticket locks: waiters get the lock in arrival
 * order, and a holder that drops and re-takes it (`cond_resched_lock`) queues behind them.
 * A waiter spins; it is woken when the lock is handed to it (after the cache-line hand-off).
 */
import { actorName } from './actors.ts';
import { emit, schedule, tokenOf, type Ctx } from './ctx.ts';
import type { ActorId } from './types.ts';
import { ZAPPER } from './actors.ts';

/**
 * `spin_lock(&kvm->mmu_lock)`. Returns true if the caller holds the lock now; otherwise it has
 * joined the queue and will be woken with the lock already its own.
 */
export function lockAcquire(ctx: Ctx, actor: ActorId): boolean {
  const { s } = ctx;
  const lock = s.lock;
  if (lock.holder === null && lock.waiters.length === 0) {
    lock.holder = actor;
    lock.heldSinceNs = s.tNs;
    emit(ctx, actor, { type: 'lock.acquired', fn: 'spin_lock', waitedNs: 0 });
    return true;
  }
  lock.waiters.push({ actor, sinceNs: s.tNs });
  if (actor >= 0) s.vcpus[actor]!.activity = 'spinning';
  emit(ctx, actor, {
    type: 'lock.contended',
    fn: 'spin_lock',
    position: lock.waiters.length,
    holder: lock.holder === null ? null : actorName(lock.holder),
  });
  return false;
}

/**
 * Called by a woken waiter: the lock was handed to it. Emits the acquisition and accounts the
 * spin time.
 */
export function lockTake(ctx: Ctx, actor: ActorId): void {
  const { s } = ctx;
  if (s.lock.holder !== actor) throw new Error(`${actorName(actor)} woke to take mmu_lock held by ${String(s.lock.holder)}`);
  s.lock.heldSinceNs = s.tNs;
  const waited = s.tNs - s.lock.handoffSinceNs;
  if (actor >= 0) s.vcpus[actor]!.lockWaitNs += waited;
  emit(ctx, actor, { type: 'lock.acquired', fn: 'spin_lock', waitedNs: waited });
}

/** `spin_unlock`: hand the lock to the first waiter, if any. */
export function lockRelease(ctx: Ctx, actor: ActorId): void {
  const { s, cfg } = ctx;
  const lock = s.lock;
  if (lock.holder !== actor) throw new Error(`${actorName(actor)} releases mmu_lock held by ${String(lock.holder)}`);
  const held = s.tNs - lock.heldSinceNs;
  if (actor === ZAPPER && held > s.metrics.maxZapperHoldNs) s.metrics.maxZapperHoldNs = held;
  emit(ctx, actor, { type: 'lock.released', fn: 'spin_unlock', heldNs: held });
  const next = lock.waiters.shift();
  if (next === undefined) {
    lock.holder = null;
    return;
  }
  // Ticket hand-off: the next waiter owns the lock from now; it runs once the line arrives.
  lock.holder = next.actor;
  lock.handoffSinceNs = next.sinceNs;
  // It owns the lock now: no longer spinning, it is doing what it waited for (a fault, or
  // freeing / allocating / syncing roots) once the cache line arrives.
  if (next.actor >= 0) {
    const w = s.vcpus[next.actor]!;
    w.activity = w.pc === 'fault-locked' ? 'faulting' : 'reloading';
  }
  schedule(ctx, next.actor, cfg.costs.lockHandoffNs, tokenOf(s, next.actor));
}

/** `spin_needbreak(&kvm->mmu_lock)` under CONFIG_PREEMPT: is anyone spinning? */
export function lockContended(ctx: Ctx): boolean {
  return ctx.s.lock.waiters.length > 0;
}
