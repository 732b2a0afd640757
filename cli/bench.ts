/**
 * `npm run bench`: speed and memory of the core, measured (not asserted) on this machine.
 *  1. large guest: 64 GiB, 32 vCPUs, fully mapped (~33k shadow pages) → memslot deletion →
 *     invalidated → every vCPU reloaded → the map rebuilt to its former page count.
 *  2. the same for zap-all.
 *  3. throughput on the classroom and memslot-delete-under-load presets.
 *  4. the worker side (benchWorker.ts): the host computing whole runs in chunks, its memory, seeks
 *     and single steps.
 *  5. decoding hostile share links (benchLinks.ts).
 * Prints tables (and --json). Wall times vary with the machine's load; the event counts do not.
 * `--only=core`, `--only=worker` or `--only=links` runs one part.
 */
import { Simulation, type SimConfig } from '../src/sim/index.ts';
import { findPreset, toConfig, validateScenario, type ScenarioInput } from '../src/scenario/index.ts';
import { benchLinks, formatLinks, type LinkRow } from './benchLinks.ts';
import { benchWorker, formatWorker, type WorkerRow } from './benchWorker.ts';

interface BenchRow {
  name: string;
  strategy: string;
  events: number;
  simMs: number;
  wallMs: number;
  eventsPerSec: number;
  heapMiB: number;
  pagesBefore: number;
  rebuilt: boolean;
}

function config(preset: string, patch: (s: ScenarioInput) => ScenarioInput = (s) => s): SimConfig {
  const p = findPreset(preset);
  if (!p) throw new Error(`no preset ${preset}`);
  const r = validateScenario(patch(structuredClone(p.scenario)));
  if (!r.ok) throw new Error(r.error.message);
  return toConfig(r.value);
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Run until invalidated, reloaded and rebuilt to the page count it had before (or the end). */
function runRebuild(name: string, cfg: SimConfig): BenchRow {
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
    if (pagesBefore < 0 && s.zapper.job !== null) pagesBefore = s.metrics.shadowPagesPeak;
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
    simMs: Math.round(s.tNs / 1e4) / 100,
    wallMs: Math.round(wallMs),
    eventsPerSec: Math.round(events / (wallMs / 1000)),
    heapMiB: Math.round((Math.max(peakHeap, process.memoryUsage().heapUsed) - heap0) / 1048576),
    pagesBefore,
    rebuilt,
  };
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? null;
const rows: BenchRow[] = [];
if (only === null || only === 'core') {
  rows.push(runRebuild('large-guest 64 GiB / 32 vCPUs', config('large-guest', (s) => ({ ...s, durationNs: 5_000_000_000 }))));
  rows.push(runRebuild('large-guest, zap-all', config('large-guest', (s) => ({ ...s, durationNs: 5_000_000_000, strategy: { name: 'zap-all' } }))));
  rows.push(runRebuild('memslot-delete-under-load (16 GiB)', config('memslot-delete-under-load', (s) => ({ ...s, durationNs: 5_000_000_000 }))));
  rows.push(runRebuild('classroom', config('classroom')));
}
const worker: WorkerRow[] = only === null || only === 'worker' ? benchWorker() : [];
const links: LinkRow | null = only === null || only === 'links' ? benchLinks() : null;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ core: rows, worker, links }));
} else {
  if (rows.length > 0) {
    console.log('| run | strategy | events | simulated | wall | events/s | heap Δ | pages | rebuilt |');
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.strategy} | ${r.events} | ${r.simMs} ms | ${(r.wallMs / 1000).toFixed(2)} s | ${r.eventsPerSec} | ${r.heapMiB} MiB | ${r.pagesBefore} | ${r.rebuilt ? 'yes' : 'no'} |`);
    }
  }
  if (worker.length > 0) {
    if (rows.length > 0) console.log('');
    console.log(formatWorker(worker));
  }
  if (links) {
    if (rows.length > 0 || worker.length > 0) console.log('');
    console.log(formatLinks(links));
  }
}
