/**
 * `npm run claim`: the kernel authors' claim, reproduced. For 2, 8, 32 and 64 GiB guests whose
 * memory eight busy vCPUs have touched, a memslot deletion under zap-all and under fast-3.11;
 * prints the Markdown table in README.md. Each cell is also one CLI call:
 *   npm run sim -- --preset memslot-delete-under-load --memory-gib N --compare --stop-when-settled
 */
import { findPreset, toConfig, validateScenario } from '../src/scenario/index.ts';
import { formatNs as ns } from '../src/trace/format.ts';
import { runOnce } from './run.ts';

const sizes = (process.argv.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '2,8,32,64').split(',').map(Number);
const preset = findPreset('memslot-delete-under-load')!;

console.log('| guest | strategy | longest zapper hold | hold without the final commit | longest vCPU spin | total vCPU spin | start → last page freed | lock breaks | pages zapped | faults served |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const gib of sizes) {
  for (const strategy of ['zap-all', 'fast-3.11']) {
    const input = structuredClone(preset.scenario);
    const r = validateScenario({
      ...input,
      guest: { memoryMiB: gib * 1024 },
      vcpus: input.vcpus.map(({ sizeMiB: _s, baseMiB: _b, ...g }) => g),
      strategy: { name: strategy },
      durationNs: (gib * 60 + 2) * 1_000_000,
    });
    if (!r.ok) throw new Error(r.error.message);
    const { summary: s } = await runOnce(toConfig(r.value), { check: false, tracePath: null, stopWhenSettled: true });
    console.log(
      `| ${gib} GiB | ${strategy} | ${ns(s.maxZapperHoldNs)} | ${ns(s.maxZapperHoldExclCommitNs)} | ${ns(s.vcpuMaxWaitNs)} | ${ns(s.vcpuLockWaitNs)} | ${ns(s.invalidationNs)} | ${s.lockBreaks} | ${s.pagesZapped} | ${s.faultsPerVcpu.reduce((a, b) => a + b, 0)} |`,
    );
  }
}
