/**
 * `npm run claim`: the kernel authors' claim, reproduced. For 2, 8, 32 and 64 GiB guests whose
 * memory eight busy vCPUs have touched, a memslot deletion under zap-all and under fast-3.11;
 * prints the Markdown table, and with `--write` puts it in README.md (section `claim`). Each row
 * is also one CLI call:
 *   npm run sim -- --preset memslot-delete-under-load --memory-gib N --compare --stop-when-settled
 * claim.test.ts fails when README.md's table differs from a fresh run.
 */
import { parseArgs } from 'node:util';
import { findPreset, toConfig, validateScenario } from '../src/scenario/index.ts';
import { formatCount, formatNs as ns } from '../src/trace/format.ts';
import { COMPARE_DEFAULT } from './args.ts';
import { writeReadmeSections } from './readme.ts';
import { runOnce } from './run.ts';

/** The README's sizes, in GiB (each row runs the strategies `--compare` runs). */
export const CLAIM_SIZES: readonly number[] = [2, 8, 32, 64];
export const CLAIM_SECTION = 'claim';

const HEADER = [
  '| guest | strategy | longest zapper hold | hold without the final commit | longest vCPU spin | total vCPU spin | start → last page freed | lock breaks | pages zapped | faults served |',
  '|---|---|---|---|---|---|---|---|---|---|',
];

/** One row: the memslot-delete-under-load preset re-spread over `gib` GiB, run until settled. */
export async function claimRow(gib: number, strategy: string): Promise<string> {
  const input = structuredClone(findPreset('memslot-delete-under-load')!.scenario);
  const r = validateScenario({
    ...input,
    guest: { memoryMiB: gib * 1024 },
    vcpus: input.vcpus.map(({ sizeMiB: _s, baseMiB: _b, ...g }) => g),
    strategy: { name: strategy },
    durationNs: (gib * 60 + 2) * 1_000_000,
  });
  if (!r.ok) throw new Error(r.error.message);
  const { summary: s } = await runOnce(toConfig(r.value), { check: false, tracePath: null, stopWhenSettled: true });
  const faults = s.faultsPerVcpu.reduce((a, b) => a + b, 0);
  const cells = [
    `${gib} GiB`,
    strategy,
    ns(s.maxZapperHoldNs),
    ns(s.maxZapperHoldExclCommitNs),
    ns(s.vcpuMaxWaitNs),
    ns(s.vcpuLockWaitNs),
    ns(s.invalidationNs),
  ];
  return `| ${[...cells, formatCount(s.lockBreaks), formatCount(s.pagesZapped), formatCount(faults)].join(' | ')} |`;
}

/** The Markdown table for `sizes`, one row per size and strategy. */
export async function claimTable(sizes: readonly number[] = CLAIM_SIZES): Promise<string> {
  const rows: string[] = [];
  for (const gib of sizes) for (const strategy of COMPARE_DEFAULT) rows.push(await claimRow(gib, strategy));
  return [...HEADER, ...rows].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, write: { type: 'boolean' } } });
  const sizes = values.sizes === undefined ? CLAIM_SIZES : values.sizes.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1024))
    throw new Error('--sizes takes whole numbers of GiB, 1 to 1024, separated by commas');
  if (values.write && values.sizes !== undefined) throw new Error('--write puts the whole table in README.md: leave out --sizes');
  const table = await claimTable(sizes);
  console.log(table);
  if (values.write)
    console.log(
      writeReadmeSections({ [CLAIM_SECTION]: table }).length ? 'README.md: claim table rewritten' : 'README.md: claim table unchanged',
    );
}

if (process.argv[1] === import.meta.filename) await main();
