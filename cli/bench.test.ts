/**
 * README.md's bench tables are generated (`npm run bench -- --write`); their times are the
 * machine's, their event and page counts are the model's and must equal fresh runs. The core rows
 * are rerun as the bench runs them, except the zap-all large guest (about 20 s of simulation),
 * whose page count is checked up to the invalidation. The worker rows' event counts are whole runs
 * of their presets, counted here without the host.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../src/sim/index.ts';
import { findPreset, toConfig, validateScenario } from '../src/scenario/index.ts';
import { CORE_RUNS, pagesBeforeZap, runRebuild } from './bench.ts';
import { WORKER_PRESETS } from './benchWorker.ts';
import { readmeSection, tableRows } from './readme.ts';

const count = (cell: string | undefined) => Number((cell ?? '').replaceAll(',', ''));
const REWRITE = 'README.md differs from a fresh run: npm run bench -- --write';

describe("README.md's bench tables", () => {
  it('say when and on what they were measured', () => {
    expect(readmeSection('bench')).toMatch(/^Measured on a \d+-core .+ \(\w+ \w+, Node v\d+\.\d+\.\d+\), \d{1,2} [A-Z][a-z]+ \d{4}\.\n/);
  });

  it('list the core runs the bench makes, with their event and page counts', () => {
    const rows = tableRows(readmeSection('bench'));
    expect(
      rows.map((r) => r[0]),
      REWRITE,
    ).toEqual(CORE_RUNS.map((r) => r.name));
    for (const [i, run] of CORE_RUNS.entries()) {
      const [, strategy, events, , , , , pages, rebuilt] = rows[i]!;
      const cfg = run.config();
      if (run.test === 'pages') {
        expect({ strategy, pages: count(pages) }, `${run.name}: ${REWRITE}`).toEqual({
          strategy: cfg.strategy,
          pages: pagesBeforeZap(cfg),
        });
        continue;
      }
      const fresh = runRebuild(run.name, cfg);
      expect({ strategy, events: count(events), pages: count(pages), rebuilt }, `${run.name}: ${REWRITE}`).toEqual({
        strategy: fresh.strategy,
        events: fresh.events,
        pages: fresh.pagesBefore,
        rebuilt: fresh.rebuilt ? 'yes' : 'no',
      });
    }
  });

  it('list the hosted runs with the event counts of their presets run to the end', () => {
    const rows = tableRows(readmeSection('bench-worker'));
    expect(
      rows.map((r) => r[0]),
      REWRITE,
    ).toEqual(WORKER_PRESETS);
    for (const [i, name] of WORKER_PRESETS.entries()) {
      const v = validateScenario(findPreset(name)!.scenario);
      if (!v.ok) throw new Error(v.error.message);
      let events = 0;
      const sim = Simulation.create(toConfig(v.value), () => events++);
      while (sim.step());
      expect(count(rows[i]![1]), `${name}: ${REWRITE}`).toBe(events);
    }
  });
});
