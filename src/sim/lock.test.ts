/** `mmu_lock` as a 3.11 ticket spinlock (lock.ts): FIFO hand-off, no barging, wait accounting. */
import { describe, expect, it } from 'vitest';
import { makeCtx, type Ctx } from './ctx.ts';
import type { SimEvent } from './events.ts';
import { lockAcquire, lockContended, lockRelease, lockTake } from './lock.ts';
import { heapPop } from './queue.ts';
import { initialState } from './setup.ts';
import { makeConfig, ofType, runChecked, script, workload } from './testkit.ts';
import { SHRINKER, ZAPPER, vcpuActor } from './actors.ts';

/** vCPUs 0, 1, 2 as actors. */
const V = [0, 1, 2].map(vcpuActor);

function lockWorld(): { ctx: Ctx; events: SimEvent[] } {
  const cfg = makeConfig({ vcpus: [workload(2), workload(2), workload(2)] });
  const s = initialState(cfg);
  const events: SimEvent[] = [];
  return { ctx: makeCtx(s, cfg, (e) => events.push(e)), events };
}

describe('mmu_lock (ticket spinlock)', () => {
  it('is taken at once when free, queued in arrival order when held', () => {
    const { ctx, events } = lockWorld();
    expect(lockAcquire(ctx, ZAPPER)).toBe(true);
    expect(lockAcquire(ctx, V[2]!)).toBe(false);
    expect(lockAcquire(ctx, V[0]!)).toBe(false);
    expect(ctx.s.lock.waiters.map((w) => w.actor)).toEqual([2, 0]);
    expect(lockContended(ctx)).toBe(true);
    expect(ofType(events, 'lock.contended').map((e) => [e.actor, e.position, e.holder])).toEqual([
      ['vcpu2', 1, 'zapper'],
      ['vcpu0', 2, 'zapper'],
    ]);
    expect(ctx.s.vcpus[2]!.activity).toBe('spinning');
  });

  it('hands the lock to the first waiter on release, and a newcomer cannot barge in during the hand-off', () => {
    const { ctx } = lockWorld();
    const s = ctx.s;
    lockAcquire(ctx, ZAPPER);
    lockAcquire(ctx, V[1]!);
    s.tNs = 1000;
    lockRelease(ctx, ZAPPER);
    expect(s.lock.holder).toBe(1);
    // The hand-off takes lockHandoffNs: vCPU 1 is woken then, already owning the lock.
    const w = heapPop(s.queue)!;
    expect(w.actor).toBe(1);
    expect(w.tNs).toBe(1000 + ctx.cfg.costs.lockHandoffNs);
    // Meanwhile the zapper wants it back: it queues behind (cond_resched_lock re-takes a ticket).
    expect(lockAcquire(ctx, ZAPPER)).toBe(false);
    s.tNs = w.tNs;
    lockTake(ctx, V[1]!);
    expect(s.vcpus[1]!.lockWaitNs).toBe(1000 + ctx.cfg.costs.lockHandoffNs);
  });

  it('serves waiters strictly first come, first served', () => {
    const { ctx } = lockWorld();
    const s = ctx.s;
    lockAcquire(ctx, SHRINKER);
    for (const a of [V[2]!, ZAPPER, V[0]!, V[1]!]) lockAcquire(ctx, a);
    const order: number[] = [];
    let holder = SHRINKER;
    for (let k = 0; k < 4; k++) {
      lockRelease(ctx, holder);
      holder = s.lock.holder!;
      order.push(holder);
      lockTake(ctx, holder);
    }
    expect(order).toEqual([2, ZAPPER, 0, 1]);
  });

  it('refuses a release by an actor that does not hold it', () => {
    const { ctx } = lockWorld();
    lockAcquire(ctx, V[0]!);
    expect(() => lockRelease(ctx, V[1]!)).toThrow(/held by/);
  });

  it('keeps FIFO order in whole runs: every acquisition after contention is the longest waiter', () => {
    const cfg = makeConfig({
      vcpus: [0, 1, 2, 3].map((k) => workload(8, 8 * k, { gapNs: 300 })),
      script: script([100_000, { type: 'memslot-delete' }], [400_000, { type: 'shrink', calls: 3 }]),
      durationNs: 1_500_000,
    });
    const { events, violation } = runChecked(cfg);
    expect(violation).toBeNull();
    const queue: string[] = [];
    let handoffs = 0;
    for (const e of events) {
      if (e.type === 'lock.contended') queue.push(e.actor);
      if (e.type === 'lock.acquired') {
        if (queue.includes(e.actor)) {
          expect(queue[0]).toBe(e.actor);
          queue.shift();
          handoffs++;
        } else {
          expect(queue).toEqual([]); // nobody barges past a waiter
        }
      }
    }
    expect(handoffs).toBeGreaterThan(20);
  });
});

describe('mmu_lock hand-off and activity', () => {
  it('a vCPU handed the lock stops spinning: it is faulting or reloading, as it waited to', () => {
    const { ctx } = lockWorld();
    const s = ctx.s;
    lockAcquire(ctx, ZAPPER);
    s.vcpus[0]!.pc = 'fault-locked';
    s.vcpus[1]!.pc = 'alloc-roots-locked';
    lockAcquire(ctx, V[0]!);
    lockAcquire(ctx, V[1]!);
    expect(s.vcpus[0]!.activity).toBe('spinning');
    lockRelease(ctx, ZAPPER);
    expect(s.lock.holder).toBe(0);
    expect(s.vcpus[0]!.activity).toBe('faulting');
    expect(s.vcpus[1]!.activity).toBe('spinning');
    lockTake(ctx, V[0]!);
    lockRelease(ctx, V[0]!);
    expect(s.vcpus[1]!.activity).toBe('reloading');
  });
});
