/** Command-line parsing for `npm run sim`: a small, strict parser with messages for people. */
export interface CliArgs {
  listPresets: boolean;
  preset: string | null;
  scenario: string | null;
  strategy: string | null;
  seed: number | null;
  memoryGib: number | null;
  vcpus: number | null;
  durationMs: number | null;
  check: boolean;
  trace: string | null;
  json: boolean;
  compare: boolean;
  strategies: string[] | null;
  stopWhenSettled: boolean;
  help: boolean;
}

export class UsageError extends Error {}

const FLAGS = new Set(['--list-presets', '--check', '--json', '--compare', '--stop-when-settled', '--help', '-h']);
const VALUES = new Set(['--preset', '--scenario', '--strategy', '--seed', '--memory-gib', '--vcpus', '--duration-ms', '--trace', '--strategies']);

function intArg(name: string, v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be a whole number between ${min} and ${max} (got "${v}")`);
  }
  return n;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const a: CliArgs = {
    listPresets: false, preset: null, scenario: null, strategy: null, seed: null, memoryGib: null, vcpus: null,
    durationMs: null, check: false, trace: null, json: false, compare: false, strategies: null, stopWhenSettled: false, help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let value: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (FLAGS.has(arg)) {
      if (value !== undefined) throw new UsageError(`${arg} takes no value`);
      if (arg === '--list-presets') a.listPresets = true;
      else if (arg === '--check') a.check = true;
      else if (arg === '--json') a.json = true;
      else if (arg === '--compare') a.compare = true;
      else if (arg === '--stop-when-settled') a.stopWhenSettled = true;
      else a.help = true;
      continue;
    }
    if (!VALUES.has(arg)) throw new UsageError(`unknown option "${arg}" (see --help)`);
    value ??= argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${arg} needs a value`);
    switch (arg) {
      case '--preset': a.preset = value; break;
      case '--scenario': a.scenario = value; break;
      case '--strategy': a.strategy = value; break;
      case '--seed': a.seed = intArg('--seed', value, 0, 0xffffffff); break;
      case '--memory-gib': a.memoryGib = intArg('--memory-gib', value, 1, 1024); break;
      case '--vcpus': a.vcpus = intArg('--vcpus', value, 1, 255); break;
      case '--duration-ms': a.durationMs = intArg('--duration-ms', value, 1, 10_000); break;
      case '--trace': a.trace = value; break;
      case '--strategies': a.strategies = value.split(',').filter(Boolean); break;
    }
  }
  if (a.preset && a.scenario) throw new UsageError('give --preset or --scenario, not both');
  return a;
}

export const HELP = `FastZap simulator (headless)

Usage: npm run sim -- [options]

  --list-presets          list the presets and exit
  --preset NAME           run a preset (default: classroom)
  --scenario FILE.json    run a scenario file (see docs/SCENARIO.md)
  --strategy NAME         zap-all | fast-5304b8d | fast-batch | fast-collapsed | fast-3.11
  --seed N                PRNG seed (0..4294967295)
  --memory-gib N          guest memory; the vCPUs' working sets are re-spread to share it
  --vcpus N               number of vCPUs (the first group's workload, repeated)
  --duration-ms N         simulated time to run
  --stop-when-settled     stop once every invalidation is done and every vCPU has a fresh root
  --check                 verify every invariant after every step; exit 1 naming the first violation
  --trace FILE            write the event log as JSON Lines
  --json                  print one JSON object (metrics, event count, sha256 of the log)
  --compare               run zap-all and fast-3.11 (or --strategies a,b,...) side by side
  -h, --help              this text

Exit codes: 0 ok, 1 invariant violated, 2 bad usage or bad scenario.`;
