/**
 * The budget part of `npm run bench` (issue 13): the two scenarios that took a tab down, run
 * through the worker's host in-process the way the Web Worker runs them (load, then `extend` in
 * chunks of 20,000 events and 40 ms), to where RUN_BUDGET stops them:
 *  - the zero-cost flood: the large guest with every cost 0 (~100 M events if it ran to its end);
 *  - the wedge: classroom with 255 vCPUs, a 1 ns gap and a 10 s duration (steps that emit no event).
 * Reported: what stopped it, the events, the simulated time reached, wall time, the longest
 * request (every one must stay near its 40 ms budget), and memory — the process's peak resident
 * size and what the host holds after a full GC. The wedge holds little and runs first, so the
 * flood's peak RSS is its own (on the process's baseline).
 */
import { MAIN_SIM, type FromWorker, type Progress, type ReplyTo, type ToWorker, type ToWorkerType } from '../src/protocol/messages.ts';
import { estimateRun, findPreset, RUN_BUDGET, validateScenario, type Scenario, type ScenarioInput } from '../src/scenario/index.ts';
import { DEFAULT_COSTS } from '../src/sim/index.ts';
import { formatCompact, formatCount, formatNs } from '../src/trace/format.ts';
import { SimHost } from '../src/worker/host.ts';
import { gcFunction } from './benchWorker.ts';

export interface BudgetRow {
  readonly name: string;
  readonly stoppedBy: string;
  readonly events: number;
  readonly reachedNs: number;
  readonly durationNs: number;
  readonly requests: number;
  readonly wallMs: number;
  readonly loadMs: number;
  readonly longestMs: number;
  readonly peakRssMiB: number;
  readonly heldMiB: number;
}

function scenario(preset: string, patch: (s: ScenarioInput) => ScenarioInput): Scenario {
  const v = validateScenario(patch(structuredClone(findPreset(preset)!.scenario)));
  if (!v.ok) throw new Error(v.error.message);
  return v.value;
}

const zeroCosts = Object.fromEntries(Object.keys(DEFAULT_COSTS).map((k) => [k, 0]));

/** The runs of the table, in order. `maxRequests` bounds what the bench waits for. */
export const BUDGET_RUNS: readonly { name: string; scenario: () => Scenario; maxRequests: number }[] = [
  {
    name: 'wedge (classroom, 255 vCPUs, 1 ns gap, 10 s): first 200 requests',
    scenario: () =>
      scenario('classroom', (s) => ({ ...s, vcpus: s.vcpus.map((g) => ({ ...g, count: 255, gapNs: 1 })), durationNs: 10_000_000_000 })),
    maxRequests: 200,
  },
  {
    name: 'zero-cost flood (large-guest, every cost 0)',
    scenario: () => scenario('large-guest', (s) => ({ ...s, costs: zeroCosts })),
    maxRequests: 100_000,
  },
];

const MiB = (b: number) => Math.round(b / 1048576);

function budgetRun(name: string, sc: Scenario, maxRequests: number): BudgetRow {
  const gc = gcFunction();
  gc();
  const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const base = held();
  const host = new SimHost({ now: () => performance.now() });
  let id = 1;
  const ask = <T extends ToWorkerType>(msg: Omit<Extract<ToWorker, { type: T }>, 'id' | 'sim'>): ReplyTo<T> => {
    const out: FromWorker = host.handle({ ...msg, id: id++, sim: MAIN_SIM });
    if (out.type === 'error') throw new Error(`${out.error.code}: ${out.error.message}`);
    return out as ReplyTo<T>;
  };
  const t0 = performance.now();
  let progress: Progress = ask<'load'>({
    type: 'load',
    scenario: sc,
    interventions: [],
    target: null,
    maxEvents: 20_000,
    detail: 'auto',
  }).progress;
  const loadMs = performance.now() - t0;
  let longest = 0;
  let peakRss = process.memoryUsage().rss;
  let requests = 1;
  while (!progress.done && requests < maxRequests) {
    const c0 = performance.now();
    progress = ask<'extend'>({ type: 'extend', maxEvents: 20_000, budgetMs: 40, until: null, landmarksFrom: progress.events }).progress;
    longest = Math.max(longest, performance.now() - c0);
    if (++requests % 16 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const wallMs = performance.now() - t0;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  gc();
  return {
    name,
    stoppedBy: progress.cut
      ? `${progress.cut.reason} budget`
      : progress.done
        ? 'the end'
        : `not yet (estimate: cut at ${formatNs(estimateRun(sc).accessBudgetAtNs ?? sc.durationNs)})`,
    events: progress.events,
    reachedNs: progress.reachedNs,
    durationNs: progress.durationNs,
    requests,
    wallMs: Math.round(wallMs),
    loadMs: Math.round(loadMs * 10) / 10,
    longestMs: Math.round(longest * 10) / 10,
    peakRssMiB: MiB(peakRss),
    heldMiB: MiB(held() - base),
  };
}

export function benchBudget(): BudgetRow[] {
  return BUDGET_RUNS.map((r) => budgetRun(r.name, r.scenario(), r.maxRequests));
}

export function formatBudget(rows: readonly BudgetRow[]): string {
  const b = RUN_BUDGET;
  return [
    `Budgets (src/scenario/limits.ts): ${formatCompact(b.maxEvents)} events, ${MiB(b.maxBytes)} MiB of log and checkpoints, ${formatCompact(b.maxGuestAccesses)} guest memory accesses.`,
    '',
    '| run | stopped by | events | simulated | requests | wall | load | longest extend (40 ms budget) | peak RSS | held after GC |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.stoppedBy} | ${formatCount(r.events)} | ${formatNs(r.reachedNs)} of ${formatNs(r.durationNs)} | ${formatCount(r.requests)} | ${formatNs(r.wallMs * 1e6)} | ${formatNs(Math.round(r.loadMs * 1e6))} | ${formatNs(Math.round(r.longestMs * 1e6))} | ${r.peakRssMiB} MiB | ${r.heldMiB} MiB |`,
    ),
  ].join('\n');
}
