/**
 * `npm run sim -- …`: the headless simulator. A contract other tools script against: flags,
 * exit codes and the --json fields are documented in --help and README.md.
 */
import { readFileSync } from 'node:fs';
import { STRATEGY_NAMES, type Strategy } from '../src/sim/index.ts';
import { DEFAULT_PRESET, PRESETS, findPreset, toConfig, validateScenario, type ScenarioInput } from '../src/scenario/index.ts';
import { COMPARE_DEFAULT, HELP, UsageError, parseArgs, type CliArgs } from './args.ts';
import { runOnce, type RunResult } from './run.ts';
import { formatCompare, formatSummary } from './format.ts';

class ScenarioProblem extends Error {}

function loadInput(a: CliArgs): ScenarioInput {
  if (a.scenario) {
    let text: string;
    try {
      text = readFileSync(a.scenario, 'utf8');
    } catch (e) {
      throw new ScenarioProblem(`cannot read ${a.scenario}: ${e instanceof Error ? e.message : String(e)}`);
    }
    try {
      return JSON.parse(text) as ScenarioInput;
    } catch (e) {
      throw new ScenarioProblem(`${a.scenario} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const name = a.preset ?? DEFAULT_PRESET;
  const p = findPreset(name);
  if (!p) throw new ScenarioProblem(`unknown preset "${name}"; presets: ${PRESETS.map((x) => x.name).join(', ')}`);
  return structuredClone(p.scenario);
}

/** Apply the command-line overrides to a scenario input (before validation). */
export function applyOverrides(input: ScenarioInput, a: CliArgs, strategy: string | null): ScenarioInput {
  if (typeof input !== 'object' || input === null) return input;
  const sc = { ...input } as Record<string, unknown> & ScenarioInput;
  if (strategy) sc.strategy = { ...(sc.strategy ?? {}), name: strategy };
  if (a.seed !== null) sc.seed = a.seed;
  if (a.memoryGib !== null && sc.guest && Array.isArray(sc.vcpus)) {
    sc.guest = { ...sc.guest, memoryMiB: a.memoryGib * 1024 };
    sc.vcpus = sc.vcpus.map(({ sizeMiB: _s, baseMiB: _b, ...g }) => g);
    if (a.durationMs === null) sc.durationNs = Math.max(sc.durationNs ?? 0, (a.memoryGib * 60 + 2) * 1_000_000);
  }
  if (a.vcpus !== null && Array.isArray(sc.vcpus) && sc.vcpus[0]) {
    sc.vcpus = [{ ...sc.vcpus[0], count: a.vcpus }];
    if (a.memoryGib === null) sc.vcpus = sc.vcpus.map(({ baseMiB: _b, ...g }) => g);
  }
  if (a.durationMs !== null) sc.durationNs = a.durationMs * 1_000_000;
  return sc;
}

function configFor(a: CliArgs, strategy: string | null) {
  const r = validateScenario(applyOverrides(loadInput(a), a, strategy));
  if (!r.ok) throw new ScenarioProblem([r.error.message, ...r.error.issues.map((i) => `  - ${i}`)].join('\n'));
  return { scenario: r.value, config: toConfig(r.value) };
}

function toJson(r: RunResult, name: string, strategy: string, seed: number) {
  const s = r.summary;
  return {
    scenario: name,
    strategy,
    seed,
    maxZapperHoldNs: s.maxZapperHoldNs,
    maxZapperHoldExclCommitNs: s.maxZapperHoldExclCommitNs,
    maxZapperCommitNs: s.maxZapperCommitNs,
    vcpuLockWaitNs: s.vcpuLockWaitNs,
    perVcpuLockWaitNs: s.perVcpuLockWaitNs,
    vcpuMaxWaitNs: s.vcpuMaxWaitNs,
    invalidationNs: s.invalidationNs,
    zapperNs: s.zapperNs,
    lockBreaks: s.lockBreaks,
    pagesZapped: s.pagesZapped,
    meanBatch: s.batches.length ? s.batches.reduce((x, y) => x + y, 0) / s.batches.length : 0,
    shadowPagesPeak: s.shadowPagesPeak,
    shadowPagesFinal: s.shadowPagesFinal,
    faultsPerVcpu: s.faultsPerVcpu,
    remoteTlbFlushes: s.remoteTlbFlushes,
    generation: s.generation,
    endNs: s.endNs,
    events: s.events,
    eventLogSha256: r.eventLogSha256,
    violation: r.violation,
    wallMs: r.wallMs,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const a = parseArgs(argv);
  if (a.help) {
    console.log(HELP);
    return 0;
  }
  if (a.listPresets) {
    if (a.json) console.log(JSON.stringify(PRESETS.map((p) => ({ name: p.name, title: p.title, description: p.description }))));
    else for (const p of PRESETS) console.log(`${p.name.padEnd(28)} ${p.title}`);
    return 0;
  }
  for (const s of [a.strategy, ...(a.strategies ?? [])]) {
    if (s !== null && !STRATEGY_NAMES.includes(s as Strategy))
      throw new UsageError(`unknown strategy "${s}"; strategies: ${STRATEGY_NAMES.join(', ')}`);
  }
  const opts = { check: a.check, tracePath: a.trace, stopWhenSettled: a.stopWhenSettled };
  if (a.compare) {
    if (a.trace) throw new UsageError('--trace writes one run; it cannot be combined with --compare');
    const names = a.strategies ?? COMPARE_DEFAULT;
    const rows = [];
    for (const strategy of names) {
      const { scenario, config } = configFor(a, strategy);
      const r = await runOnce(config, opts);
      rows.push(toJson(r, scenario.name, strategy, scenario.seed));
    }
    if (a.json) console.log(JSON.stringify(rows));
    else console.log(formatCompare(rows));
    return rows.some((r) => r.violation) ? 1 : 0;
  }
  const { scenario, config } = configFor(a, a.strategy);
  const r = await runOnce(config, opts);
  const out = toJson(r, scenario.name, config.strategy, scenario.seed);
  if (a.json) console.log(JSON.stringify(out));
  else console.log(formatSummary(out));
  if (r.violation) {
    const v = r.violation;
    console.error(`invariant violated: ${v.invariant} (${v.description}) at event ${v.eventIndex}: ${v.detail}`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError || e instanceof ScenarioProblem) {
      console.error(`error: ${e.message}`);
      process.exit(2);
    }
    console.error(e);
    process.exit(3);
  },
);
