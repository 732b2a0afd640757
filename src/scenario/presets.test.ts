/**
 * Presets say what they teach; these tests hold them to it. The small ones are run in full with
 * every invariant checked after every step.
 */
import { describe, expect, it } from 'vitest';
import { InvariantChecker, Simulation, type SimConfig, type SimEvent } from '../sim/index.ts';
import { DEFAULT_PRESET, PRESETS, findPreset } from './presets.ts';
import { toConfig } from './toConfig.ts';
import { validateScenario } from './validate.ts';

function config(name: string): SimConfig {
  const p = findPreset(name);
  if (!p) throw new Error(`no preset ${name}`);
  const r = validateScenario(p.scenario);
  if (!r.ok) throw new Error(r.error.message);
  return toConfig(r.value);
}

function run(cfg: SimConfig): SimEvent[] {
  const events: SimEvent[] = [];
  const checker = new InvariantChecker(cfg);
  const sim = Simulation.create(cfg, (e) => {
    events.push(e);
    checker.onEvent(e);
  });
  while (sim.step()) {
    const v = checker.afterStep(sim.state);
    if (v) throw new Error(`${v.invariant} at event ${v.eventIndex}: ${v.detail}`);
  }
  expect(checker.finish(sim.state)).toBeNull();
  return events;
}

const of = <T extends SimEvent['type']>(events: SimEvent[], type: T) =>
  events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

describe('presets', () => {
  it('has the presets the issue asks for, each with a title and a paragraph, names unique', () => {
    const names = PRESETS.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['classroom', 'memslot-delete-under-load', 'large-guest']));
    expect(new Set(names).size).toBe(names.length);
    expect(findPreset(DEFAULT_PRESET)).toBeDefined();
    for (const p of PRESETS) {
      expect(p.title.length).toBeGreaterThan(5);
      expect(p.description.length).toBeGreaterThan(60);
      expect(p.scenario.name).toBe(p.name);
    }
  });

  it('classroom: 2 vCPUs and a few dozen pages', () => {
    const events = run(config('classroom'));
    expect(config('classroom').vcpus).toHaveLength(2);
    const created = of(events, 'page.created').filter((e) => e.actor === 'setup');
    expect(created.length).toBeGreaterThanOrEqual(24);
    expect(created.length).toBeLessThanOrEqual(60);
    expect(of(events, 'gen.bumped')).toEqual([expect.objectContaining({ oldGen: 0, newGen: 1 })]);
    expect(of(events, 'root.parked')).toHaveLength(1);
    expect(of(events, 'lock.broken').every((b) => b.batch >= 10)).toBe(true);
  });

  it('memslot-delete-under-load: 8 busy vCPUs each touching 2000 MiB, fast-3.11', () => {
    const cfg = config('memslot-delete-under-load');
    expect(cfg.vcpus).toHaveLength(8);
    expect(cfg.vcpus.every((w) => w.pages === 2000 * 256)).toBe(true);
    expect(cfg.strategy).toBe('fast-3.11');
    expect(cfg.prepopulate).toBe(true);
    expect(cfg.script.map((x) => x.action.type)).toContain('memslot-delete');
  });

  it('large-guest: 64 GiB and 32 vCPUs', () => {
    const cfg = config('large-guest');
    expect(cfg.guestPages).toBe(64 * 262144);
    expect(cfg.vcpus).toHaveLength(32);
  });

  it('zap-all-vs-fast: the 2013 cover letter setup under kvm_mmu_zap_all', () => {
    const cfg = config('zap-all-vs-fast');
    expect(cfg.strategy).toBe('zap-all');
    expect(cfg.vcpus).toHaveLength(6);
    expect(cfg.guestPages).toBe(2 * 262144);
  });

  it("root-in-use: the paused vCPU's root is parked, skipped, and freed only after resume", () => {
    const events = run(config('root-in-use'));
    const parked = of(events, 'root.parked')[0]!;
    const resumed = of(events, 'vcpu.resumed')[0]!;
    const freed = of(events, 'page.freed').find((e) => e.page === parked.page)!;
    expect(freed.i).toBeGreaterThan(resumed.i);
    expect(freed.actor).toBe('vcpu1');
    expect(of(events, 'page.prepared').filter((e) => e.actor === 'zapper' && e.page === parked.page)).toHaveLength(1);
  });

  it('shrinker-first: mmu_shrink frees zapped_obsolete_pages first during the invalidation', () => {
    const events = run(config('shrinker-first'));
    const shrinks = of(events, 'shrink.done');
    expect(shrinks.length).toBeGreaterThanOrEqual(1);
    expect(shrinks[0]!.fromZappedObsolete).toBe(true);
    expect(shrinks[0]!.freed).toBeGreaterThan(0);
  });

  it('back-to-back: the second deletion waits for the first, then bumps again', () => {
    const events = run(config('back-to-back'));
    expect(of(events, 'gen.bumped').map((e) => e.newGen)).toEqual([1, 2]);
    const [first, second] = of(events, 'invalidation.started');
    expect(second!.i).toBeGreaterThan(of(events, 'invalidation.done')[0]!.i);
    expect(first!.tNs).toBeLessThan(second!.tNs);
  });
});
