/**
 * Command-line parsing for `npm run sim`, on Node's `util.parseArgs`. The option table below is
 * the one list of flags: the parser, the help text and the messages for people all read it.
 */
import { parseArgs as parseNodeArgs } from 'node:util';
import { STRATEGIES, STRATEGY_NAMES, type StrategyName } from '../src/sim/strategy.ts';

/** What `--compare` runs without `--strategies`: the kernel before 3.11 and 3.11 itself (also the claim table's pair). */
export const COMPARE_DEFAULT: readonly StrategyName[] = ['zap-all', 'fast-3.11'];

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

interface Option {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** The value's placeholder in the help. */
  readonly arg?: string;
  /** Whole-number options: the allowed range. */
  readonly range?: readonly [number, number];
  readonly help: string;
  /** More for README.md's table (`npm run docs`), after `help`. */
  readonly more?: string;
}

/** Every flag, in the order the help (and README.md's table) lists them. */
export const OPTIONS = {
  'list-presets': { type: 'boolean', help: 'list the presets and exit' },
  preset: { type: 'string', arg: 'NAME', help: 'run a preset (default: classroom)' },
  scenario: { type: 'string', arg: 'FILE.json', help: "run a scenario file (the app's Export scenario writes one)" },
  strategy: { type: 'string', arg: 'NAME', help: 'the zapping strategy (below)' },
  seed: { type: 'string', arg: 'N', range: [0, 0xffffffff], help: 'PRNG seed (0..4294967295)' },
  'memory-gib': { type: 'string', arg: 'N', range: [1, 1024], help: "guest memory; the vCPUs' working sets are re-spread to share it" },
  vcpus: { type: 'string', arg: 'N', range: [1, 255], help: "number of vCPUs (the first group's workload, repeated)" },
  'duration-ms': { type: 'string', arg: 'N', range: [1, 10_000], help: 'simulated time to run' },
  'stop-when-settled': { type: 'boolean', help: 'stop once every invalidation is done and every vCPU has a fresh root' },
  check: { type: 'boolean', help: 'verify every invariant after every step; exit 1 naming the first violation' },
  trace: { type: 'string', arg: 'FILE', help: 'write the event log as JSON Lines (docs/TRACE.md)' },
  json: {
    type: 'boolean',
    help: 'print one JSON object (metrics, event count, sha256 of the log)',
    more: 'such as `maxZapperHoldNs`, `maxZapperHoldExclCommitNs`, `vcpuLockWaitNs`, `perVcpuLockWaitNs`, `vcpuMaxWaitNs`, `invalidationNs`, `lockBreaks`, `pagesZapped`, `shadowPagesPeak`, `faultsPerVcpu`, `events`, `eventLogSha256`',
  },
  compare: {
    type: 'boolean',
    help: `run ${COMPARE_DEFAULT.join(' and ')} (or --strategies a,b,...) side by side on the same scenario and seed`,
  },
  strategies: { type: 'string', arg: 'A,B,...', help: 'the strategies --compare runs' },
  help: { type: 'boolean', short: 'h', help: 'this text' },
} as const satisfies Record<string, Option>;

type Name = keyof typeof OPTIONS;
const isName = (n: string): n is Name => Object.hasOwn(OPTIONS, n);

function intArg(flag: string, v: string, [min, max]: readonly [number, number]): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number between ${min} and ${max} (got "${v}")`);
  }
  return n;
}

/**
 * util.parseArgs, run loosely, then every token checked here with our own messages (its strict mode
 * would refuse `--seed -5` as "ambiguous" instead of saying what the range is).
 */
function parseTokens(argv: readonly string[]) {
  const { values, tokens } = parseNodeArgs({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind === 'positional') throw new UsageError(`unknown option "${t.value}" (see --help)`);
    if (t.kind !== 'option') continue;
    if (!isName(t.name)) throw new UsageError(`unknown option "${t.rawName}" (see --help)`);
    if (OPTIONS[t.name].type === 'boolean' && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
    if (OPTIONS[t.name].type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))))
      throw new UsageError(`${t.rawName} needs a value`);
  }
  return values;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const v = parseTokens(argv);
  const str = (name: Name): string | null => (typeof v[name] === 'string' ? v[name] : null);
  const flag = (name: Name): boolean => v[name] === true;
  const int = (name: 'seed' | 'memory-gib' | 'vcpus' | 'duration-ms') => {
    const x = str(name);
    return x === null ? null : intArg(`--${name}`, x, OPTIONS[name].range);
  };
  const a: CliArgs = {
    listPresets: flag('list-presets'),
    preset: str('preset'),
    scenario: str('scenario'),
    strategy: str('strategy'),
    seed: int('seed'),
    memoryGib: int('memory-gib'),
    vcpus: int('vcpus'),
    durationMs: int('duration-ms'),
    check: flag('check'),
    trace: str('trace'),
    json: flag('json'),
    compare: flag('compare'),
    strategies: str('strategies')?.split(',').filter(Boolean) ?? null,
    stopWhenSettled: flag('stop-when-settled'),
    help: flag('help'),
  };
  if (a.preset && a.scenario) throw new UsageError('give --preset or --scenario, not both');
  return a;
}

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Each flag as written in the help and the README (`-h, --help`, `--seed N`) with its option. */
export function flagList(): [string, Option][] {
  return Object.entries(OPTIONS).map(([name, o]: [string, Option]) => [
    `${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`,
    o,
  ]);
}

function helpText(): string {
  const opts = flagList().map(([flag, o]) => `  ${flag.padEnd(24)}${o.help}`);
  const width = Math.max(...STRATEGY_NAMES.map((s) => s.length)) + 4;
  const strategies = STRATEGY_NAMES.flatMap((s) => [
    `  ${s.padEnd(width - 2)}${STRATEGIES[s].label}`,
    ...wrap(STRATEGIES[s].description, 100 - width).map((l) => `${' '.repeat(width)}${l}`),
  ]);
  return [
    'FastZap simulator (headless)',
    '',
    'Usage: npm run sim -- [options]',
    '',
    ...opts,
    '',
    'Strategies (--strategy, --strategies):',
    ...strategies,
    '',
    'Exit codes: 0 ok, 1 invariant violated, 2 bad usage or bad scenario.',
  ].join('\n');
}

export const HELP = helpText();
