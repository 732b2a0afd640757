/**
 * The worker side of `npm run bench`: the host (src/worker/host.ts) run in-process the way the
 * Web Worker runs it — load, then `extend` in chunks (20,000 events, 40 ms budget) to the end of
 * the run — with its memory after a GC, then frames: a seek to the middle, and single steps; and
 * what the protocol guard (parseToWorker) costs per request.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { parseToWorker } from '../src/protocol/guard.ts';
import { MAIN_SIM, type FromWorker, type ReplyTo, type ToWorker, type ToWorkerType } from '../src/protocol/messages.ts';
import { findPreset, validateScenario } from '../src/scenario/index.ts';
import { formatCount, formatNs } from '../src/trace/format.ts';
import { SimHost } from '../src/worker/host.ts';
import type { HostedSim } from '../src/worker/sims.ts';

interface WorkerRow {
  name: string;
  events: number;
  /** Load + extend to the end, wall ms. */
  computeMs: number;
  chunks: number;
  maxChunkMs: number;
  /** Heap + array buffers held by the host after a full GC, and the largest sampled while computing. */
  heapMiB: number;
  peakMiB: number;
  logMiB: number;
  timelineCheckpointsMiB: number;
  foldCheckpointsMiB: number;
  /** A frame in the middle of the run, first asked (a seek), then one event further. */
  frameMidMs: number;
  frameMidNextMs: number;
  /** One step (frame at cursor + 1, posted as structured clone), median and p95 over 200 steps. */
  stepMedianMs: number;
  stepP95Ms: number;
}

/** A full GC, twice (array buffers are freed a collection late), even without --expose-gc. */
export function gcFunction(): () => void {
  let g = (globalThis as { gc?: () => void }).gc;
  if (!g) {
    v8.setFlagsFromString('--expose-gc');
    g = vm.runInNewContext('gc') as () => void;
  }
  const full = g;
  return () => {
    full();
    full();
  };
}

const MiB = (b: number) => Math.round((b / 1048576) * 10) / 10;
/** Milliseconds to the microsecond: what formatNs can show. */
const ms = (x: number) => Math.round(x * 1000) / 1000;
const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))] ?? 0;
};

function held(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function benchPreset(preset: string): WorkerRow {
  const p = findPreset(preset);
  if (!p) throw new Error(`no preset ${preset}`);
  const v = validateScenario(p.scenario);
  if (!v.ok) throw new Error(v.error.message);
  const gc = gcFunction();
  gc();
  const base = held();
  const host = new SimHost({ now: () => performance.now() });
  let id = 1;
  const ask = <T extends ToWorkerType>(msg: Omit<Extract<ToWorker, { type: T }>, 'id' | 'sim'>): ReplyTo<T> => {
    const out: FromWorker = host.handle({ ...msg, id: id++, sim: MAIN_SIM });
    if (out.type === 'error') throw new Error(`${out.error.code}: ${out.error.message}`);
    return out as ReplyTo<T>;
  };
  const t0 = performance.now();
  const loaded = ask<'load'>({
    type: 'load',
    scenario: v.value,
    interventions: [],
    target: null,
    maxEvents: 20_000,
    detail: 'auto',
    startAfterSetup: true,
  });
  let progress = loaded.progress;
  let chunks = 0;
  let maxChunk = 0;
  let peak = held();
  while (!progress.done) {
    const c0 = performance.now();
    progress = ask<'extend'>({ type: 'extend', maxEvents: 20_000, budgetMs: 40, until: null }).progress;
    maxChunk = Math.max(maxChunk, performance.now() - c0);
    if (++chunks % 8 === 0) peak = Math.max(peak, held());
  }
  const computeMs = performance.now() - t0;
  peak = Math.max(peak, held());
  gc();
  const after = held();
  const h = (host as unknown as { sims: Map<string, HostedSim> }).sims.get(MAIN_SIM)!;

  const frame = (cursor: number) => structuredClone(ask<'frame'>({ type: 'frame', target: { type: 'cursor', cursor }, detail: 'auto' }));
  const mid = Math.floor(progress.events / 2);
  let t = performance.now();
  frame(mid);
  const frameMidMs = performance.now() - t;
  t = performance.now();
  frame(mid + 1);
  const frameMidNextMs = performance.now() - t;
  // Single steps where the app opens this run (just after the setup), as the UI asks for them.
  const start = loaded.meta.setupEvents;
  frame(start);
  const steps: number[] = [];
  for (let c = start + 1; c <= start + 200; c++) {
    t = performance.now();
    frame(c);
    steps.push(performance.now() - t);
  }
  return {
    name: preset,
    events: progress.events,
    computeMs: ms(computeMs),
    chunks,
    maxChunkMs: ms(maxChunk),
    heapMiB: MiB(after - base),
    peakMiB: MiB(peak - base),
    logMiB: MiB(h.log.byteLength),
    timelineCheckpointsMiB: MiB(h.timeline.checkpointBytes),
    foldCheckpointsMiB: MiB(h.folder.checkpointBytes),
    frameMidMs: ms(frameMidMs),
    frameMidNextMs: ms(frameMidNextMs),
    stepMedianMs: ms(quantile(steps, 0.5)),
    stepP95Ms: ms(quantile(steps, 0.95)),
  };
}

/** The presets of the worker table, in order. */
export const WORKER_PRESETS: readonly string[] = ['large-guest', 'memslot-delete-under-load', 'classroom'];

/** What the guard costs per request, in ns (median of 7 rounds of 20,000 checks). */
interface GuardCost {
  readonly frameNs: number;
  readonly extendNs: number;
  readonly loadNs: number;
}

function guardCost(): GuardCost {
  const v = validateScenario(findPreset('classroom')!.scenario);
  if (!v.ok) throw new Error(v.error.message);
  const sim = MAIN_SIM;
  const perRequest = (msg: ToWorker): number => {
    const rounds: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      for (let i = 0; i < 20_000; i++) if (!parseToWorker(msg).ok) throw new Error(`the guard refused ${msg.type}`);
      rounds.push(((performance.now() - t) * 1e6) / 20_000);
    }
    return Math.round(quantile(rounds, 0.5));
  };
  return {
    frameNs: perRequest({
      type: 'frame',
      id: 1,
      sim,
      target: { type: 'cursor', cursor: 1234 },
      detail: 'auto',
      events: { from: 1200, to: 1235 },
    }),
    extendNs: perRequest({ type: 'extend', id: 2, sim, maxEvents: 20_000, budgetMs: 40, until: null, landmarksFrom: 0 }),
    loadNs: perRequest({
      type: 'load',
      id: 3,
      sim,
      scenario: v.value,
      interventions: [{ atEvent: 40, action: { type: 'pause-vcpu', vcpu: 1 } }],
      target: null,
      maxEvents: 20_000,
      detail: 'auto',
      startAfterSetup: true,
    }),
  };
}

export interface WorkerReport {
  readonly rows: readonly WorkerRow[];
  readonly guard: GuardCost;
}

/** The worker-side rows (the large guest for memory, memslot-delete-under-load for steps) and the guard's cost. */
export function benchWorker(): WorkerReport {
  return { rows: WORKER_PRESETS.map(benchPreset), guard: guardCost() };
}

const mib = (x: number) => `${x} MiB`;
const msNs = (x: number) => formatNs(Math.round(x * 1e6));

export function formatWorker({ rows, guard }: WorkerReport): string {
  return [
    '| hosted run | events | load + extend to end | chunks (longest) | heap after GC | peak | log | checkpoints: timeline / fold | frame at middle (then +1) | one step: median (p95) |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${formatCount(r.events)} | ${msNs(r.computeMs)} | ${r.chunks} (${msNs(r.maxChunkMs)}) | ${mib(r.heapMiB)} | ${mib(r.peakMiB)} | ${mib(r.logMiB)} | ${r.timelineCheckpointsMiB} / ${r.foldCheckpointsMiB} MiB | ${msNs(r.frameMidMs)} (${msNs(r.frameMidNextMs)}) | ${msNs(r.stepMedianMs)} (${msNs(r.stepP95Ms)}) |`,
    ),
    '',
    `The protocol guard (\`parseToWorker\`) checks a request in ${formatNs(guard.frameNs)} (\`frame\`), ${formatNs(guard.extendNs)} (\`extend\`), ${formatNs(guard.loadNs)} (\`load\`, whose scenario the host then validates with its schema).`,
  ].join('\n');
}
