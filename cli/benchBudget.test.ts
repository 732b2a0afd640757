/**
 * README.md's run-budget table is generated (`npm run bench -- --write`, benchBudget.ts). Its times
 * are the machine's; what it claims of the budget must hold: the runs are the bench's, the flood
 * stopped at the event budget (the step that crossed it, no further) with its peak resident size
 * under 1 GiB, and the budgets line states RUN_BUDGET.
 */
import { describe, expect, it } from 'vitest';
import { RUN_BUDGET } from '../src/scenario/limits.ts';
import { formatCompact } from '../src/trace/format.ts';
import { BUDGET_RUNS } from './benchBudget.ts';
import { readmeSection, tableRows } from './readme.ts';

const count = (cell: string | undefined) => Number((cell ?? '').replaceAll(',', ''));
const REWRITE = 'README.md differs from the bench: npm run bench -- --write';

describe("README.md's run-budget table", () => {
  it('states the budgets and lists the bench’s runs', () => {
    const section = readmeSection('bench-budget');
    expect(section, REWRITE).toContain(`${formatCompact(RUN_BUDGET.maxEvents)} events, ${RUN_BUDGET.maxBytes / 1048576} MiB`);
    expect(
      tableRows(section).map((r) => r[0]),
      REWRITE,
    ).toEqual(BUDGET_RUNS.map((r) => r.name));
  });

  it('shows the zero-cost flood stopped by the event budget, under 1 GiB', () => {
    const flood = tableRows(readmeSection('bench-budget')).find((r) => r[0]!.startsWith('zero-cost flood'))!;
    const [, stoppedBy, events, , , , , , rss] = flood;
    expect(stoppedBy).toBe('events budget');
    expect(count(events)).toBeGreaterThanOrEqual(RUN_BUDGET.maxEvents);
    expect(count(events)).toBeLessThan(RUN_BUDGET.maxEvents + 1000);
    expect(Number(rss!.replace(' MiB', ''))).toBeLessThan(1024);
  });
});
