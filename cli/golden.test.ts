/**
 * Every preset's event log under every strategy is pinned (cli/golden.json): a refactor of the
 * core, the scenario layer or the CLI must leave it byte-identical. Long runs are left to
 * `npm run golden` (same data, all cases).
 */
import { describe, expect, it } from 'vitest';
import { GOLDEN_TEST_MAX_EVENTS, goldenCases, goldenRun, readGolden } from './golden.ts';

describe('golden event-log hashes', () => {
  const pinned = readGolden();

  it('pins every preset under every strategy', () => {
    const key = (x: { preset: string; strategy: string }) => `${x.preset}/${x.strategy}`;
    expect(pinned.map(key).sort()).toEqual(goldenCases().map(key).sort());
  });

  for (const g of pinned.filter((x) => x.events <= GOLDEN_TEST_MAX_EVENTS)) {
    it(`${g.preset} under ${g.strategy}: ${g.events} events, hash unchanged`, async () => {
      const now = await goldenRun(g.preset, g.strategy);
      expect({ events: now.events, sha256: now.sha256 }).toEqual({ events: g.events, sha256: g.sha256 });
    });
  }
});
