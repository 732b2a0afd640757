/**
 * `npm run bench`: speed and memory of the core, measured (not asserted) on this machine.
 *  1. large guest: 64 GiB, 32 vCPUs, fully mapped (~33k shadow pages) → memslot deletion →
 *     invalidated → every vCPU reloaded → the map rebuilt to its former page count.
 *  2. the same for zap-all.
 *  3. throughput on the classroom and memslot-delete-under-load presets.
 *  4. the worker side (benchWorker.ts): the host computing whole runs in chunks, its memory, seeks
 *     and single steps, and the protocol guard's cost per request.
 *  5. decoding hostile share links (benchLinks.ts).
 *  6. the run budget (benchBudget.ts): the zero-cost flood and the wedge scenario, stopped by it.
 * Prints tables (or `--json`); `--write` also puts them, with the date and the machine, in
 * README.md (sections `bench` and `bench-worker`). Wall times vary with the machine's load; the
 * event and page counts do not, and bench.test.ts checks README.md's against fresh runs.
 * `--only=core`, `--only=worker`, `--only=links` or `--only=budget` runs one part.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Simulation, type SimConfig, type SimState } from '../src/sim/index.ts';
import { findPreset, toConfig, validateScenario, type ScenarioInput } from '../src/scenario/index.ts';
import { formatCount, formatNs } from '../src/trace/format.ts';
import { benchBudget, formatBudget, type BudgetRow } from './benchBudget.ts';
import { benchLinks, formatLinks, type LinkRow } from './benchLinks.ts';
import { benchWorker, formatWorker, type WorkerReport } from './benchWorker.ts';
import { writeReadmeSections } from './readme.ts';

export interface BenchRow {
  name: string;
  strategy: string;
  events: number;
  simNs: number;
  wallMs: number;
  eventsPerSec: number;
  heapMiB: number;
  pagesBefore: number;
  rebuilt: boolean;
}

/** One core run: a preset, changed by `patch`. `test`: what bench.test.ts reruns (`pages`: only up to the zap; the full run takes ~20 s). */
export interface CoreRun {
  readonly name: string;
  readonly config: () => SimConfig;
  readonly test: 'full' | 'pages';
}

function config(preset: string, patch: (s: ScenarioInput) => ScenarioInput = (s) => s): SimConfig {
  const p = findPreset(preset);
  if (!p) throw new Error(`no preset ${preset}`);
  const r = validateScenario(patch(structuredClone(p.scenario)));
  if (!r.ok) throw new Error(r.error.message);
  return toConfig(r.value);
}

const fiveSeconds = (s: ScenarioInput): ScenarioInput => ({ ...s, durationNs: 5_000_000_000 });

/** The core table's rows, in order. */
export const CORE_RUNS: readonly CoreRun[] = [
  { name: 'large-guest 64 GiB / 32 vCPUs', config: () => config('large-guest', fiveSeconds), test: 'full' },
  {
    name: 'large-guest, zap-all',
    config: () => config('large-guest', (s) => ({ ...fiveSeconds(s), strategy: { name: 'zap-all' } })),
    test: 'pages',
  },
  { name: 'memslot-delete-under-load (16 GiB)', config: () => config('memslot-delete-under-load', fiveSeconds), test: 'full' },
  { name: 'classroom', config: () => config('classroom'), test: 'full' },
];

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Shadow pages before the invalidation: the peak so far, read when the zapper takes its first job. */
const zapStarted = (s: SimState): boolean => s.zapper.job !== null;

/** Run until invalidated, reloaded and rebuilt to the page count it had before (or the end). */
export function runRebuild(name: string, cfg: SimConfig): BenchRow {
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  let events = 0;
  const t0 = performance.now();
  const sim = Simulation.create(cfg, () => events++);
  const s = sim.state;
  let pagesBefore = -1;
  let rebuilt = false;
  let steps = 0;
  let peakHeap = 0;
  while (sim.step()) {
    if (pagesBefore < 0 && zapStarted(s)) pagesBefore = s.metrics.shadowPagesPeak;
    if ((++steps & 4095) === 0) {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      const inv = s.metrics.invalidations[0];
      if (inv && inv.doneNs >= 0 && s.nUsedMmuPages >= pagesBefore && s.vcpus.every((v) => !v.reqMmuReload && v.root !== -1)) {
        rebuilt = true;
        break;
      }
    }
  }
  const wallMs = performance.now() - t0;
  return {
    name,
    strategy: cfg.strategy,
    events,
    simNs: s.tNs,
    wallMs: Math.round(wallMs * 1000) / 1000,
    eventsPerSec: Math.round(events / (wallMs / 1000)),
    heapMiB: Math.round((Math.max(peakHeap, process.memoryUsage().heapUsed) - heap0) / 1048576),
    pagesBefore,
    rebuilt,
  };
}

/** The `pages` column alone: run only until the invalidation starts. */
export function pagesBeforeZap(cfg: SimConfig): number {
  const sim = Simulation.create(cfg, () => {});
  while (!zapStarted(sim.state) && sim.step());
  return zapStarted(sim.state) ? sim.state.metrics.shadowPagesPeak : -1;
}

export function formatCore(rows: readonly BenchRow[]): string {
  return [
    '| run | strategy | events | simulated | wall | events/s | heap Δ | pages | rebuilt |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.strategy} | ${formatCount(r.events)} | ${formatNs(r.simNs)} | ${formatNs(Math.round(r.wallMs * 1e6))} | ${formatCount(r.eventsPerSec)} | ${r.heapMiB} MiB | ${formatCount(r.pagesBefore)} | ${r.rebuilt ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
}

/** "Measured on a 2-core Intel(R) Xeon(R) Processor (linux x64, Node v20.20.2), 24 November 2026." */
export function machineLine(date: Date): string {
  const cpu = cpus();
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `Measured on a ${cpu.length}-core ${cpu[0]?.model.trim() ?? 'unknown CPU'} (${process.platform} ${process.arch}, Node ${process.version}), ${day}.`;
}

function main(): void {
  const { values } = parseArgs({ options: { only: { type: 'string' }, json: { type: 'boolean' }, write: { type: 'boolean' } } });
  const only = values.only ?? null;
  if (only !== null && !['core', 'worker', 'links', 'budget'].includes(only)) throw new Error('--only takes core, worker, links or budget');
  if (values.write && only !== null) throw new Error('--write puts both tables in README.md: leave out --only');
  // First, so the peak RSS it reports is its own.
  const budget: BudgetRow[] | null = only === null || only === 'budget' ? benchBudget() : null;
  const rows = only === null || only === 'core' ? CORE_RUNS.map((r) => runRebuild(r.name, r.config())) : [];
  const worker: WorkerReport | null = only === null || only === 'worker' ? benchWorker() : null;
  const links: LinkRow | null = only === null || only === 'links' ? benchLinks() : null;
  if (values.json) {
    console.log(JSON.stringify({ core: rows, worker: worker?.rows ?? [], guard: worker?.guard ?? null, links, budget }));
    return;
  }
  const core = [machineLine(new Date()), '', formatCore(rows)].join('\n');
  const parts = [
    ...(rows.length ? [core] : []),
    ...(worker ? [formatWorker(worker)] : []),
    ...(links ? [formatLinks(links)] : []),
    ...(budget ? [formatBudget(budget)] : []),
  ];
  console.log(parts.join('\n\n'));
  if (values.write && worker) {
    const changed = writeReadmeSections({
      bench: core,
      'bench-worker': formatWorker(worker),
      ...(budget ? { 'bench-budget': formatBudget(budget) } : {}),
    });
    console.log(`README.md: ${changed.length ? `rewrote ${changed.join(', ')}` : 'unchanged'}`);
  }
}

if (process.argv[1] === import.meta.filename) main();
