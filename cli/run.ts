/** One headless run: scenario → simulation, with invariant checks, trace and metrics. */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { InvariantChecker, Simulation, SummaryBuilder, type RunSummary, type SimConfig, type Violation } from '../src/sim/index.ts';

export interface RunOptions {
  readonly check: boolean;
  readonly tracePath: string | null;
  readonly stopWhenSettled: boolean;
}

export interface RunResult {
  readonly summary: RunSummary;
  readonly eventLogSha256: string;
  readonly violation: Violation | null;
  readonly wallMs: number;
}

/** Has every invalidation finished and every vCPU loaded a root of the current generation? */
function settled(sim: Simulation): boolean {
  const s = sim.state;
  if (
    s.metrics.invalidations.length === 0 ||
    s.zapper.job !== null ||
    s.zapper.queue.length > 0 ||
    s.script.some((x) => x.action.type === 'memslot-delete')
  )
    return false;
  return s.vcpus.every(
    (v) =>
      v.paused || (!v.reqMmuReload && v.root !== -1 && s.pages.get(v.root)?.gen === s.mmuValidGen && !s.pages.get(v.root)?.role.invalid),
  );
}

export async function runOnce(config: SimConfig, opts: RunOptions): Promise<RunResult> {
  const hash = createHash('sha256');
  const summary = new SummaryBuilder(config.vcpus.length);
  const checker = opts.check ? new InvariantChecker(config) : null;
  let trace: WriteStream | null = null;
  if (opts.tracePath) trace = createWriteStream(opts.tracePath);
  let buffered: string[] = [];
  const t0 = performance.now();
  const sim = Simulation.create(config, (e) => {
    const line = JSON.stringify(e);
    hash.update(line);
    hash.update('\n');
    summary.add(e);
    checker?.onEvent(e);
    if (trace) {
      buffered.push(line);
      if (buffered.length >= 4096) {
        trace.write(buffered.join('\n') + '\n');
        buffered = [];
      }
    }
  });
  let violation: Violation | null = checker ? checker.afterStep(sim.state) : null;
  let steps = 0;
  while (violation === null && sim.step()) {
    if (checker) violation = checker.afterStep(sim.state);
    if (opts.stopWhenSettled && (++steps & 255) === 0 && settled(sim)) break;
  }
  if (checker && violation === null) violation = checker.finish(sim.state);
  if (trace) {
    if (buffered.length) trace.write(buffered.join('\n') + '\n');
    const t = trace;
    await new Promise<void>((resolve, reject) => t.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  return { summary: summary.result(), eventLogSha256: hash.digest('hex'), violation, wallMs: Math.round(performance.now() - t0) };
}
