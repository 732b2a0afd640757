/**
 * Helpers for the core's tests: small hand-built configs, a checked run, a log hash. Pure and
 * platform-free like the rest of sim/ (no Node, no test framework), so the tests in src/sim can
 * share it without breaking the layer rules.
 */
import { BATCH_ZAP_PAGES, DEFAULT_COSTS, PAGES_PER_GIB } from './constants.ts';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import { InvariantChecker, type Violation } from './invariants.ts';
import {
  NO_PAGE,
  type Intervention,
  type PageId,
  type ScriptedIntervention,
  type SimConfig,
  type SimState,
  type Workload,
} from './types.ts';

/** 4 KiB frames per MiB. */
export const PAGES_PER_MIB = PAGES_PER_GIB / 1024;

/** A workload over `mib` MiB starting at `baseMib`. */
export function workload(mib: number, baseMib = 0, over: Partial<Workload> = {}): Workload {
  return {
    pattern: 'uniform',
    baseGfn: baseMib * PAGES_PER_MIB,
    pages: mib * PAGES_PER_MIB,
    hotPermille: 100,
    hotAccessPermille: 900,
    gapNs: 2000,
    ...over,
  };
}

/**
 * A small config: one 8 MiB working set per vCPU (4 level-1 pages each), fast-3.11, contended
 * lock breaks, BATCH_ZAP_PAGES 10, prepopulated, 2 ms of simulated time, no script.
 */
export function makeConfig(over: Partial<SimConfig> = {}): SimConfig {
  const vcpus = over.vcpus ?? [workload(8, 0), workload(8, 8)];
  return {
    seed: 1,
    strategy: 'fast-3.11',
    lockBreak: 'contended',
    reschedEveryNs: 0,
    batchZapPages: BATCH_ZAP_PAGES,
    guestPages: 64 * PAGES_PER_MIB,
    nMaxMmuPages: 1000,
    costs: DEFAULT_COSTS,
    prepopulate: true,
    script: [],
    durationNs: 2_000_000,
    ...over,
    vcpus,
  };
}

/** `[atNs, action]` pairs as a script. */
export function script(...entries: [number, Intervention][]): ScriptedIntervention[] {
  return entries.map(([atNs, action]) => ({ atNs, action }));
}

export interface CheckedRun {
  readonly events: SimEvent[];
  readonly violation: Violation | null;
  readonly sim: Simulation;
  readonly steps: number;
}

/**
 * Run to the end (or `maxSteps`), checking every invariant after every step and the full
 * structure at the end.
 */
export function runChecked(cfg: SimConfig, maxSteps = Number.MAX_SAFE_INTEGER): CheckedRun {
  const events: SimEvent[] = [];
  const checker = new InvariantChecker(cfg);
  const sim = Simulation.create(cfg, (e) => {
    events.push(e);
    checker.onEvent(e);
  });
  let violation = checker.afterStep(sim.state);
  let steps = 0;
  while (violation === null && steps < maxSteps && sim.step()) {
    steps++;
    violation = checker.afterStep(sim.state);
  }
  if (violation === null) violation = checker.finish(sim.state);
  return { events, violation, sim, steps };
}

/**
 * Run to event `k`, take a snapshot, restore it into a fresh simulation and run that to the end:
 * the snapshot, what the restored run logs, and its final state (to compare with a straight run).
 */
export function resumeFrom(cfg: SimConfig, k: number): { snap: SimState; rest: SimEvent[]; final: SimState } {
  const first = Simulation.create(cfg);
  first.runToEvent(k);
  const snap = first.snapshot();
  const rest: SimEvent[] = [];
  const resumed = Simulation.restore(cfg, snap, (e) => rest.push(e));
  resumed.runToEnd();
  return { snap, rest, final: resumed.snapshot() };
}

/** Run to the end without checks; returns the log. */
export function runLog(cfg: SimConfig): SimEvent[] {
  const events: SimEvent[] = [];
  Simulation.create(cfg, (e) => events.push(e)).runToEnd();
  return events;
}

/** 64-bit FNV-1a over the JSON Lines form of a log, as 16 hex digits (two 32-bit halves). */
export function logHash(events: readonly SimEvent[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (const e of events) {
    const line = JSON.stringify(e) + '\n';
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c ^ (h1 >>> 7), 0x5bd1e995) >>> 0;
    }
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** Events of one type, narrowed. */
export function ofType<T extends SimEvent['type']>(events: readonly SimEvent[], type: T): Extract<SimEvent, { type: T }>[] {
  return events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
}

/** Page ids on `active_mmu_pages` from the tail (oldest) to the head (newest). */
export function activeFromTail(s: Readonly<SimState>): PageId[] {
  const out: PageId[] = [];
  for (let id = s.tail; id !== NO_PAGE; id = s.pages.get(id)!.newer) out.push(id);
  return out;
}
