/** Packed snapshots (pack.ts): unpacked states equal the packed ones and replay identically. */
import { describe, expect, it } from 'vitest';
import { cloneState } from './clone.ts';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import { packState, unpackState } from './pack.ts';
import { makeConfig, script, workload } from './testkit.ts';

const cfg = makeConfig({
  vcpus: [workload(8, 0), workload(8, 8), workload(16, 16)],
  durationNs: 2_000_000,
  script: script(
    [300_000, { type: 'memslot-delete' }],
    [350_000, { type: 'shrink', calls: 2 }],
    [400_000, { type: 'pause-vcpu', vcpu: 1 }],
  ),
});

describe('packState / unpackState', () => {
  it('round-trips the state at any step, Map and list orders included', () => {
    const sim = Simulation.create(cfg);
    for (const k of [0, 50, 400, 1500, 4000]) {
      sim.runToEvent(k);
      const p = packState(sim.state);
      const u = unpackState(p);
      expect(u).toEqual(cloneState(sim.state));
      expect([...u.pages.keys()]).toEqual([...sim.state.pages.keys()]);
      expect([...u.index.keys()]).toEqual([...sim.state.index.keys()]);
      for (const [id, page] of u.pages) expect([...page.children.keys()]).toEqual([...sim.state.pages.get(id)!.children.keys()]);
      // Unpacking twice gives independent states.
      const v = unpackState(p);
      v.pages.values().next().value!.rootCount += 5;
      expect(unpackState(p)).toEqual(u);
    }
  });

  it('a run continued from an unpacked state logs what a straight run logs', () => {
    const all: SimEvent[] = [];
    Simulation.create(cfg, (e) => all.push(e)).runToEnd();
    for (const k of [10, 900, 2500]) {
      const first = Simulation.create(cfg);
      first.runToEvent(k);
      const packed = packState(first.state);
      const rest: SimEvent[] = [];
      const resumed = Simulation.adopt(cfg, unpackState(packed), (e) => rest.push(e));
      resumed.runToEnd();
      expect(JSON.stringify(rest)).toBe(JSON.stringify(all.slice(first.state.eventCount)));
    }
  });

  it('does not share mutable parts with the live state', () => {
    const sim = Simulation.create(cfg);
    sim.runToEvent(800);
    const p = packState(sim.state);
    const before = unpackState(p);
    sim.runToEnd();
    expect(unpackState(p)).toEqual(before);
  });
});
