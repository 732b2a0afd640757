/**
 * Test scaffolding for the store: animation frames on demand, a store over the in-process
 * client, and waiting until the store is quiet (every reply landed) without a wall clock.
 */
import { SimClient } from '../client/client.ts';
import { InProcessTransport } from '../client/inProcess.ts';
import { PRESETS, validateScenario, type Scenario } from '../scenario/index.ts';
import { createFastZapStore, type FrameScheduler, type StoreOptions } from './store.ts';
import type { FastZapStore } from './hooks.ts';

/** A preset, validated. */
export function presetScenario(name: string): Scenario {
  const r = validateScenario(PRESETS.find((p) => p.name === name)!.scenario);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Animation frames on demand. */
export class ManualFrames implements FrameScheduler {
  private cbs = new Map<number, (now: number) => void>();
  private next = 1;
  now = 0;
  request(cb: (now: number) => void): number {
    this.cbs.set(this.next, cb);
    return this.next++;
  }
  cancel(h: number): void {
    this.cbs.delete(h);
  }
  get waiting(): number {
    return this.cbs.size;
  }
  /** Run the frame callbacks waiting now, `dtMs` after the last frame. */
  frame(dtMs: number): void {
    this.now += dtMs;
    const cbs = [...this.cbs.values()];
    this.cbs.clear();
    for (const cb of cbs) cb(this.now);
  }
}

/** Let in-process replies (posted with setTimeout 0) arrive. */
export async function settle(rounds = 30): Promise<void> {
  for (let k = 0; k < rounds; k++) await new Promise((r) => setTimeout(r, 0));
}

/**
 * Wait until the store has not changed for `calm` rounds of the task queue (every in-process
 * reply chained so far has landed). Fails after `maxRounds` rounds instead of waiting forever.
 */
export async function quiet(store: FastZapStore, calm = 8, maxRounds = 5000): Promise<void> {
  let last = store.getState();
  let still = 0;
  for (let k = 0; k < maxRounds; k++) {
    await new Promise((r) => setTimeout(r, 0));
    const now = store.getState();
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= calm) return;
  }
  throw new Error(`the store kept changing for ${maxRounds} rounds`);
}

/** Resolve when `pred` holds for the store's state (checked now and on every change). */
export function until(store: FastZapStore, pred: (s: ReturnType<FastZapStore['getState']>) => boolean): Promise<void> {
  if (pred(store.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const off = store.subscribe((s) => {
      if (!pred(s)) return;
      off();
      resolve();
    });
  });
}

/** A store over in-process clients (each new client is recorded in `transports`). */
export function inProcessStore(opts: Omit<StoreOptions, 'createClient'> = {}) {
  const transports: InProcessTransport[] = [];
  const store = createFastZapStore({
    createClient: () => {
      const t = new InProcessTransport();
      transports.push(t);
      return new SimClient(t);
    },
    ...opts,
  });
  return { store, transports };
}
