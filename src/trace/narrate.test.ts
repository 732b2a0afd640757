import { describe, expect, it } from 'vitest';
import { PRESETS, toConfig, validateScenario, type ScenarioInput } from '../scenario/index.ts';
import { Timeline, pageId, type SimEvent, type SimEventType } from '../sim/index.ts';
import type { StrategyNames } from './frame.ts';
import { strategyNames } from './names.ts';
import { narrate, narrateText, narratorFor } from './narrate.ts';

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

/** A run's events, each with its run's strategy names. */
type Said = readonly [SimEvent, StrategyNames];

function run(input: ScenarioInput, max = 60_000): Said[] {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error.message);
  const cfg = toConfig(r.value);
  const tl = new Timeline(cfg);
  tl.extendToEnd(max);
  const names = strategyNames(cfg);
  return tl.log.map((e) => [e, names] as const);
}

const zapAll = strategyNames({ strategy: 'zap-all', batchZapPages: 10 });
const fast = strategyNames({ strategy: 'fast-3.11', batchZapPages: 10 });

const logs: Said[] = [
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
const linked: SimEvent = {
  type: 'page.linked',
  i: 7,
  tNs: 10,
  actor: 'vcpu1',
  fn: 'kvm_mmu_get_page',
  page: pageId(40),
  parent: pageId(12),
  index: 5,
};
const samples: Said[] = [...logs, [linked, fast]];
const find = (f: (e: SimEvent) => boolean): Said => samples.find(([e]) => f(e))!;
const say = ([e, n]: Said) => narrateText(e, n);

describe('narrate', () => {
  it('has a sentence for every event type seen in real runs', () => {
    const seen = new Set(samples.map(([e]) => e.type));
    expect([...seen].sort()).toEqual(Object.keys(ALL).sort());
  });

  it('says one plain sentence per event, with the kernel function of the event', () => {
    const firstOfKind = new Map<string, Said>();
    for (const [e, names] of samples) {
      const n = narrate(e, names);
      expect(n.fn).toBe(e.fn);
      expect(n.text).toMatch(/^(vCPU \d|[A-Z]).*[.]$/);
      expect(n.text).not.toMatch(/undefined|NaN|\[object/);
      const key = `${e.type}:${e.actor === 'setup' ? 'setup' : ''}:${'reason' in e ? String(e.reason) : ''}:${'to' in e ? e.to : ''}`;
      if (!firstOfKind.has(key)) firstOfKind.set(key, [e, names]);
    }
    // Distinct kinds of event read differently.
    const texts = new Set([...firstOfKind.values()].map((x) => say(x).replace(/[0-9a-fx#.]+/g, '')));
    expect(texts.size).toBeGreaterThan(Object.keys(ALL).length);
  });

  it('names what matters in the key events', () => {
    expect(say(find((e) => e.type === 'gen.bumped'))).toMatch(
      /^The zapper bumps kvm->arch\.mmu_valid_gen from 0 to 1: every existing shadow page is now obsolete/,
    );
    expect(say(find((e) => e.type === 'page.prepared' && e.to === 'head'))).toContain('parked at the head of active_mmu_pages');
    expect(say(find((e) => e.type === 'lock.broken'))).toMatch(
      /breaks mmu_lock after a batch of \d+ pages: .*; the walk restarts from the tail\.$/,
    );
    expect(narrateText(linked, fast)).toBe('vCPU 1 finds valid page #40 in the hash and links it into spte 5 of page #12.');
    expect(say(find((e) => e.type === 'lock.contended' && e.holder === 'zapper'))).toContain('(held by the zapper)');
  });

  it("words a run by its strategy's names: kvm_mmu_zap_all in one hold from the head, no batches", () => {
    const ofRun = (names: StrategyNames) => samples.filter(([, n]) => n === names || n.strategy === names.strategy);
    const slow = ofRun(zapAll);
    expect(slow.length).toBeGreaterThan(30);
    const started = slow.find(([e]) => e.type === 'invalidation.started')!;
    expect(say(started)).toMatch(
      /^A memslot is deleted: the zapper starts kvm_mmu_zap_all over \d+ shadow pages, in one hold of mmu_lock\.$/,
    );
    const prepared = slow.find(([e]) => e.type === 'page.prepared' && e.actor === 'zapper' && e.to !== 'head')!;
    expect(say(prepared)).toMatch(/moved to invalid_list \(\d+ in this hold\)\.$/);
    for (const x of slow) expect(say(x)).not.toMatch(/zapped_obsolete_pages|kvm_zap_obsolete_pages|batch|from the tail/);
    const fastStart = ofRun(fast).find(([e]) => e.type === 'invalidation.started')!;
    expect(say(fastStart)).toMatch(/starts kvm_mmu_invalidate_zap_all_pages \(fast-3\.11\)/);
  });

  it('toggles instead of bumping under a toggling generation rule', () => {
    const [bump] = find((e) => e.type === 'gen.bumped');
    expect(narrateText(bump, { ...fast, genRule: 'toggle' })).toMatch(/^The zapper toggles kvm->arch\.mmu_valid_gen from 0 to 1/);
  });

  it('binds one narrator per set of names', () => {
    expect(narratorFor({ ...fast })).toBe(narratorFor(fast));
    expect(narratorFor(zapAll)).not.toBe(narratorFor(fast));
    const [e] = find((x) => x.type === 'lock.broken');
    expect(narratorFor(fast)(e)).toEqual(narrate(e, fast));
  });
});
