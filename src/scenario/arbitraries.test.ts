/** The arbitraries make what they claim: valid scenarios, and interventions a link keeps whole. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGES_PER_GIB } from '../sim/index.ts';
import { busyScenarioArb, interventionsArb, scenarioArb, smallScenarioArb } from './arbitraries.ts';
import { checkInterventions } from './extras.ts';
import type { ScenarioInput } from './schema.ts';
import { toConfig } from './toConfig.ts';
import { validateScenario } from './validate.ts';

function valid(input: ScenarioInput) {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(`${r.error.message}\n${JSON.stringify(input)}`);
  return r.value;
}

describe('arbitraries', () => {
  it('scenarioArb makes valid scenarios, and interventionsArb interventions that fit them', () => {
    const runs = fc.sample(
      scenarioArb().chain((s) =>
        fc.tuple(
          fc.constant(s),
          interventionsArb(
            valid(s).vcpus.reduce((n, g) => n + g.count, 0),
            s.guest.memoryMiB,
          ),
        ),
      ),
      { numRuns: 200, seed: 3 },
    );
    for (const [input, iv] of runs) {
      const sc = valid(input);
      expect(checkInterventions(iv, sc, 'link')).toEqual({ value: iv, notes: [] });
    }
  });

  it("the property tests' scenarios are valid and run where they say: one placed vCPU per group, inside the guest", () => {
    for (const arb of [smallScenarioArb(), busyScenarioArb()]) {
      for (const input of fc.sample(arb, { numRuns: 200, seed: 4 })) {
        const cfg = toConfig(valid(input));
        const perMiB = PAGES_PER_GIB / 1024;
        expect(cfg.vcpus.map((w) => [w.baseGfn / perMiB, w.pages / perMiB])).toEqual(input.vcpus.map((g) => [g.baseMiB, g.sizeMiB]));
        expect(cfg.script).toHaveLength(input.script?.length ?? 0);
      }
    }
  });
});
