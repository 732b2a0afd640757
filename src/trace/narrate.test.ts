import { describe, expect, it } from 'vitest';
import { PRESETS, toConfig, validateScenario, type ScenarioInput } from '../scenario/index.ts';
import { Timeline, type SimEvent, type SimEventType } from '../sim/index.ts';
import { narrate, narrateText } from './narrate.ts';

/** Every event type (a missing key fails to compile). */
const ALL: Record<SimEventType, true> = {
  'page.created': true,
  'page.linked': true,
  'gen.bumped': true,
  'reload.requested': true,
  'reload.serviced': true,
  'root.dropped': true,
  'root.loaded': true,
  'lock.contended': true,
  'lock.acquired': true,
  'lock.released': true,
  'lock.broken': true,
  'invalidation.started': true,
  'invalidation.done': true,
  'zap.walk.done': true,
  'page.prepared': true,
  'root.parked': true,
  'tlb.flushed': true,
  'page.freed': true,
  'fault.started': true,
  'fault.done': true,
  'vcpu.entered': true,
  'vcpu.exited': true,
  'vcpu.paused': true,
  'vcpu.resumed': true,
  'workload.changed': true,
  'shrink.done': true,
};

function run(input: ScenarioInput, max = 60_000): SimEvent[] {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error.message);
  const tl = new Timeline(toConfig(r.value));
  tl.extendToEnd(max);
  return tl.log;
}

const logs: SimEvent[] = [
  ...['classroom', 'root-in-use', 'shrinker-first', 'back-to-back'].flatMap((n) => run(PRESETS.find((p) => p.name === n)!.scenario)),
  ...run({
    version: 1,
    guest: { memoryMiB: 64 },
    vcpus: [{ count: 3, pattern: 'hot-set', sizeMiB: 16, gapNs: 2000 }],
    durationNs: 1_000_000,
    strategy: { name: 'zap-all' },
    script: [
      { atNs: 100_000, action: { type: 'set-workload', vcpu: 0, workload: { pattern: 'sequential', sizeMiB: 8 } } },
      { atNs: 300_000, action: { type: 'memslot-delete' } },
    ],
  }),
];
// kvm_mmu_get_page finding an existing page is rare in small runs: add one by hand.
const linked: SimEvent = { type: 'page.linked', i: 7, tNs: 10, actor: 'vcpu1', fn: 'kvm_mmu_get_page', page: 40, parent: 12, index: 5 };
const samples = [...logs, linked];

describe('narrate', () => {
  it('has a sentence for every event type seen in real runs', () => {
    const seen = new Set(samples.map((e) => e.type));
    expect([...seen].sort()).toEqual(Object.keys(ALL).sort());
  });

  it('says one plain sentence per event, with the kernel function of the event', () => {
    const firstOfKind = new Map<string, SimEvent>();
    for (const e of samples) {
      const n = narrate(e);
      expect(n.fn).toBe(e.fn);
      expect(n.text).toMatch(/^(vCPU \d|[A-Z]).*[.]$/);
      expect(n.text).not.toMatch(/undefined|NaN|\[object/);
      const key = `${e.type}:${e.actor === 'setup' ? 'setup' : ''}:${'reason' in e ? String(e.reason) : ''}:${'to' in e ? e.to : ''}`;
      if (!firstOfKind.has(key)) firstOfKind.set(key, e);
    }
    // Distinct kinds of event read differently.
    const texts = new Set([...firstOfKind.values()].map((e) => narrateText(e).replace(/[0-9a-fx#.]+/g, '')));
    expect(texts.size).toBeGreaterThan(Object.keys(ALL).length);
  });

  it('names what matters in the key events', () => {
    const bump = samples.find((e) => e.type === 'gen.bumped')!;
    expect(narrateText(bump)).toMatch(/^The zapper bumps kvm->arch\.mmu_valid_gen from 0 to 1: every existing shadow page is now obsolete/);
    const parked = samples.find((e) => e.type === 'page.prepared' && e.to === 'head')!;
    expect(narrateText(parked)).toContain('parked at the head of active_mmu_pages');
    const brk = samples.find((e) => e.type === 'lock.broken')!;
    expect(narrateText(brk)).toMatch(/breaks mmu_lock after a batch of \d+ pages/);
    expect(narrateText(linked)).toBe('vCPU 1 finds valid page #40 in the hash and links it into spte 5 of page #12.');
    const spin = samples.find((e) => e.type === 'lock.contended' && e.holder === 'zapper')!;
    expect(narrateText(spin)).toContain('(held by the zapper)');
  });
});
