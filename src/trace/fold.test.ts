import { describe, expect, it } from 'vitest';
import { PRESETS, toConfig, validateScenario, type ScenarioInput } from '../scenario/index.ts';
import {
  STRATEGIES,
  STRATEGY_NAMES,
  Simulation,
  Timeline,
  pageId,
  type SimConfig,
  type SimEvent,
  type TimedIntervention,
} from '../sim/index.ts';
import { Folder, foldTo } from './fold.ts';
import { DETAIL_LIMIT, FREED_WINDOW, PAGE_STATES } from './frame.ts';
import { packFold, unpackFold } from './foldPack.ts';
import { cloneFoldState } from './foldState.ts';
import { frameOf } from './frameOf.ts';
import { foldRunOf, strategyNames } from './names.ts';
import { compareFoldToSim } from './simCompare.ts';

function config(input: ScenarioInput): SimConfig {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.error.message);
  return toConfig(r.value);
}
const preset = (name: string) => config(PRESETS.find((p) => p.name === name)!.scenario);

const small = (over: Partial<ScenarioInput> & { strategy?: ScenarioInput['strategy'] }): ScenarioInput => ({
  version: 1,
  seed: 1,
  guest: { memoryMiB: 64 },
  vcpus: [{ count: 2, pattern: 'uniform', sizeMiB: 32, gapNs: 3000 }],
  durationNs: 2_000_000,
  script: [{ atNs: 300_000, action: { type: 'memslot-delete' } }],
  ...over,
});

/** Run a simulation step by step, checking the fold against the state after every step. */
function checkEveryStep(cfg: SimConfig, maxEvents = 40_000): { events: number; types: Set<string>; log: SimEvent[] } {
  const log: SimEvent[] = [];
  const sim = Simulation.create(cfg, (e) => log.push(e));
  const folder = new Folder(log, foldRunOf(cfg));
  expect(compareFoldToSim(folder.stateAt(log.length), sim.state)).toEqual([]);
  while (log.length < maxEvents && sim.step()) {
    const errs = compareFoldToSim(folder.stateAt(log.length), sim.state);
    if (errs.length > 0) expect(errs).toEqual([]);
  }
  return { events: log.length, types: new Set(log.map((e) => e.type)), log };
}

describe('fold agrees with the simulation at every step boundary', () => {
  it.each(['classroom', 'root-in-use', 'back-to-back', 'shrinker-first'])('preset %s', (name) => {
    const r = checkEveryStep(preset(name));
    expect(r.events).toBeGreaterThan(1000);
    expect(r.types.has('page.freed')).toBe(true);
  });

  type Seen = (log: SimEvent[]) => boolean;
  const has =
    (type: string, actor?: string): Seen =>
    (log) =>
      log.some((e) => e.type === type && (actor === undefined || e.actor.startsWith(actor)));
  // Every strategy of the table: the run finishes its invalidation, bumps only if the row says so,
  // and breaks the lock only if it has a break function.
  const perStrategy = STRATEGY_NAMES.map((name, k): [string, ScenarioInput, Seen] => {
    const t = STRATEGIES[name];
    const seen: Seen = (log) =>
      has('invalidation.done')(log) &&
      has('gen.bumped')(log) === t.generation.bumpOnInvalidate &&
      has('lock.broken')(log) === (t.lock.breakFn !== null);
    return [name, small({ strategy: { name }, seed: k + 1 }), seen];
  });
  const variants: [string, ScenarioInput, Seen][] = [
    ...perStrategy,
    [
      'resched-only lock breaks',
      small({ strategy: { name: 'fast-3.11', lockBreak: 'resched-only', reschedEveryNs: 2000 } }),
      (log) => log.some((e) => e.type === 'lock.broken' && e.reason === 'need_resched'),
    ],
    [
      'memory pressure (make_mmu_pages_available)',
      small({ prepopulate: false, guest: { memoryMiB: 512, nMaxMmuPages: 64 }, vcpus: [{ count: 3, pattern: 'uniform', gapNs: 300 }] }),
      has('page.freed', 'vcpu'),
    ],
    [
      'pause, resume, workload change, bump-only, shrink',
      small({
        vcpus: [{ count: 3, pattern: 'hot-set', sizeMiB: 16, gapNs: 2000 }],
        script: [
          { atNs: 50_000, action: { type: 'pause-vcpu', vcpu: 2 } },
          { atNs: 100_000, action: { type: 'bump-generation' } },
          { atNs: 200_000, action: { type: 'set-workload', vcpu: 0, workload: { pattern: 'sequential', sizeMiB: 8, gapNs: 1000 } } },
          { atNs: 300_000, action: { type: 'memslot-delete' } },
          { atNs: 320_000, action: { type: 'shrink', calls: 3 } },
          { atNs: 900_000, action: { type: 'resume-vcpu', vcpu: 2 } },
        ],
      }),
      (log) =>
        ['vcpu.paused', 'vcpu.resumed', 'workload.changed', 'shrink.done'].every((t) => has(t)(log)) &&
        log.filter((e) => e.type === 'gen.bumped').length === 2,
    ],
  ];
  it.each(variants)('%s', (_name, input, seen) => {
    const r = checkEveryStep(config(input));
    expect(r.events).toBeGreaterThan(500);
    expect(seen(r.log)).toBe(true);
  });
});

describe('fold over a Timeline with interventions and forks', () => {
  it('matches Timeline.stateAt at sampled boundaries, before and after forking the past', () => {
    const cfg = preset('classroom');
    const ivs: TimedIntervention[] = [{ atEvent: 400, action: { type: 'pause-vcpu', vcpu: 1 } }];
    const tl = new Timeline(cfg, ivs, { checkpointEvery: 256 });
    tl.extendToEnd();
    const folder = new Folder(tl.log, { ...foldRunOf(cfg), checkpointEvery: 128 });
    const check = () => {
      for (let k = 0; k < tl.log.length; k += 97) {
        const st = tl.stateAt(tl.boundaryAtOrAfter(k));
        expect(compareFoldToSim(folder.stateAt(st.eventCount), st)).toEqual([]);
      }
    };
    check();
    // Fold far ahead, then fork in the past: the folder must forget the old future.
    folder.frameAt(tl.log.length);
    const at = tl.intervene(1200, { type: 'memslot-delete' });
    folder.truncate(at);
    tl.extendToEnd();
    check();
    // Two interventions at one cursor (the second forks right after the first one's events).
    const at2 = tl.intervene(at, { type: 'shrink', calls: 2 });
    folder.truncate(at2);
    tl.extendToEnd();
    tl.log.forEach((e, i) => expect(e.i).toBe(i));
    check();
    expect(tl.log.filter((e) => e.type === 'invalidation.started')).toHaveLength(2);
  });

  it('seeking back and forth gives the frames a fold from scratch gives', () => {
    const cfg = preset('back-to-back');
    const tl = new Timeline(cfg);
    tl.extendToEnd();
    const folder = new Folder(tl.log, { ...foldRunOf(cfg), checkpointEvery: 200, maxCheckpoints: 8 });
    const cursors = [tl.log.length, 5, 3000, 2999, 3001, 0, 1500, tl.log.length - 1, 700, 701, 4321, 12];
    for (const c of cursors) {
      const want = frameOf(foldTo(tl.log, c, foldRunOf(cfg)), { detail: 'auto', last: c > 0 ? tl.log[c - 1]! : null });
      expect(folder.frameAt(c)).toEqual(want);
    }
    expect(folder.checkpointCount).toBeLessThanOrEqual(8);
    expect(folder.frameAt(tl.log.length + 100).cursor).toBe(tl.log.length);
  });

  it('prefold lays checkpoints ahead without moving the picture, and forks forget them', () => {
    const cfg = preset('classroom');
    const tl = new Timeline(cfg);
    tl.extendTo(1500);
    const folder = new Folder(tl.log, { ...foldRunOf(cfg), checkpointEvery: 100 });
    const at50 = folder.frameAt(50);
    folder.prefold(tl.log.length);
    expect(folder.checkpointCount).toBeGreaterThan(10);
    expect(folder.stateAt(50).cursor).toBe(50); // still there, not re-folded
    expect(folder.frameAt(50)).toEqual(at50);
    tl.extendToEnd();
    folder.prefold(tl.log.length);
    const at = tl.intervene(900, { type: 'bump-generation' });
    folder.truncate(at);
    tl.extendToEnd();
    folder.prefold(tl.log.length);
    for (const c of [tl.log.length, 2000, 899, at + 1, 1234]) {
      const want = frameOf(foldTo(tl.log, c, foldRunOf(cfg)), { detail: 'auto', last: tl.log[c - 1]! });
      expect(folder.frameAt(c)).toEqual(want);
    }
  });
});

/** A short run of the classroom under `strategy`, folded. */
function folderOf(strategy: SimConfig['strategy']): Folder {
  const cfg = { ...preset('classroom'), strategy };
  const tl = new Timeline(cfg);
  tl.extendTo(200);
  return new Folder(tl.log, foldRunOf(cfg));
}

describe('frames', () => {
  const cfg = preset('classroom');
  const tl = new Timeline(cfg);
  tl.extendToEnd();
  const folder = new Folder(tl.log, foldRunOf(cfg));
  const bump = tl.log.find((e) => e.type === 'gen.bumped')!;

  it('turns every page obsolete in the frame of the bump, stamped with the bump', () => {
    const before = folder.frameAt(bump.i);
    const after = folder.frameAt(bump.i + 1);
    expect(before.globalGen).toBe(0);
    expect(after.globalGen).toBe(1);
    expect(before.pages!.every((p) => p.state === 'valid')).toBe(true);
    expect(after.pages!.length).toBe(before.pages!.length);
    expect(after.pages!.every((p) => p.state === 'obsolete' && p.changedAt === bump.i)).toBe(true);
    expect(after.last).toEqual(bump);
  });

  it('keeps freed pages FREED_WINDOW events, then drops them', () => {
    const freed = tl.log.find((e) => e.type === 'page.freed')!;
    if (freed.type !== 'page.freed') throw new Error('unreachable');
    const at = (c: number) => folder.frameAt(c).pages!.find((p) => p.id === freed.page);
    expect(at(freed.i)?.state).not.toBe('freed');
    expect(at(freed.i + 1)).toMatchObject({ state: 'freed', freedAt: freed.i });
    expect(at(freed.i + FREED_WINDOW)?.state).toBe('freed');
    expect(at(freed.i + FREED_WINDOW + 1)).toBeUndefined();
  });

  it('shows the zapper: breaks, batches and cursor as the events say', () => {
    const done = tl.log.find((e) => e.type === 'invalidation.done')!;
    const f = folder.frameAt(done.i + 1);
    const breaks = tl.log.filter((e) => e.type === 'lock.broken');
    expect(f.zapper.breaks).toEqual(breaks.map((e) => e.i));
    expect(f.zapper.batchSizes.slice(0, breaks.length)).toEqual(breaks.map((e) => (e.type === 'lock.broken' ? e.batch : -1)));
    const prepared = tl.log.filter((e) => e.type === 'page.prepared' && e.actor === 'zapper' && e.to !== 'head');
    expect(f.zapper.batches!.flat()).toEqual(prepared.map((e) => (e.type === 'page.prepared' ? e.page : -1)));
    expect(f.zapper.cursor).toBe(prepared.at(-1)!.type === 'page.prepared' ? (prepared.at(-1) as { page: number }).page : null);
    expect(f.zapper.active).toBe(false);
    const parked = tl.log.find((e) => e.type === 'root.parked')!;
    const g = folder.frameAt(parked.i + 1);
    expect(g.zapper.active).toBe(true);
    expect(g.pages!.find((p) => p.id === (parked as { page: number }).page)?.state).toBe('invalid-root');
    expect(g.activeList!.at(-1)).toBe((parked as { page: number }).page); // parked at the head
  });

  it('aggregate cells count every drawn page', () => {
    for (const c of [0, 100, bump.i + 1, tl.log.length]) {
      const f = folder.frameAt(c);
      expect(f.aggregate).toHaveLength(4 * PAGE_STATES.length);
      expect(f.aggregate.reduce((n, x) => n + x.count, 0)).toBe(f.pageCount);
      for (const cell of f.aggregate) {
        expect(cell.count).toBe(f.pages!.filter((p) => p.level === cell.level && p.state === cell.state).length);
      }
    }
  });
});

describe('names and generation order', () => {
  it('every frame carries the names of its strategy: the zap-all run names kvm_mmu_zap_all, invalid_list, no batches', () => {
    const fast = folderOf('fast-3.11').frameAt(10).names;
    const slow = folderOf('zap-all').frameAt(10).names;
    expect(fast).toMatchObject({
      strategy: 'fast-3.11',
      entryFn: 'kvm_mmu_invalidate_zap_all_pages',
      walkFn: 'kvm_zap_obsolete_pages',
      walkFrom: 'tail',
      zapList: 'zapped_obsolete_pages',
      batchLimit: 10,
      lockBreakFn: 'cond_resched_lock',
    });
    expect(slow).toMatchObject({
      strategy: 'zap-all',
      entryFn: 'kvm_mmu_zap_all',
      walkFn: 'kvm_mmu_zap_all',
      walkFrom: 'head',
      zapList: 'invalid_list',
      batchLimit: null,
      lockBreakFn: null,
    });
  });

  it('orders generations by bump, not value: after a toggle back to 0 the gen-1 pages are obsolete and older', () => {
    const at = (i: number) => ({ i, tNs: i, actor: 'setup' as const });
    const created = (i: number, page: number, gen: number, level: number, parent: number | null): SimEvent => ({
      type: 'page.created',
      fn: 'kvm_mmu_get_page',
      ...at(i),
      page: pageId(page),
      gfn: 0,
      level,
      direct: true,
      gen,
      parent: parent === null ? null : pageId(parent),
      index: 0,
      leaves: 0,
      hashProbes: 0,
    });
    const bumped = (i: number, oldGen: number, newGen: number): SimEvent => ({
      type: 'gen.bumped',
      fn: 'kvm_mmu_invalidate_zap_all_pages',
      ...at(i),
      actor: 'zapper',
      oldGen,
      newGen,
      nUsed: 0,
    });
    const log = [
      created(0, 1, 0, 4, null),
      bumped(1, 0, 1),
      created(2, 2, 1, 4, null),
      created(3, 3, 1, 1, 2),
      bumped(4, 1, 0),
      created(5, 4, 0, 4, null),
    ];
    const folder = new Folder(log, { vcpus: 1, names: strategyNames({ strategy: 'fast-3.11', batchZapPages: 10 }) });
    const f = folder.frameAt(log.length);
    expect([f.globalGen, f.epoch]).toEqual([0, 2]);
    const view = (id: number) => f.pages!.find((p) => p.id === id)!;
    expect([1, 2, 3, 4].map((id) => [view(id).gen, view(id).epoch])).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 2],
    ]);
    expect([2, 3].map((id) => [view(id).state, view(id).changedAt])).toEqual([
      ['obsolete', 4],
      ['obsolete', 4],
    ]);
    expect(view(4).state).toBe('valid');
    // is_obsolete_sp compares values only: a gen-0 page from before both bumps reads valid again,
    // which is why 5.4 zaps every obsolete page (under slots_lock) before it can toggle back.
    expect(view(1).state).toBe('valid');
    expect(folder.frameAt(2).pages!.find((p) => p.id === 1)).toMatchObject({ state: 'obsolete', changedAt: 1, epoch: 0 });
  });
});

describe('large runs are aggregated', () => {
  it('carries counts and a state strip instead of pages beyond the detail limit', () => {
    const cfg = config({
      version: 1,
      guest: { memoryMiB: 8192 },
      vcpus: [{ count: 4, pattern: 'uniform', gapNs: 800 }],
      durationNs: 3_000_000,
      script: [{ atNs: 200_000, action: { type: 'memslot-delete' } }],
    });
    const tl = new Timeline(cfg, [], { checkpointEvery: 1 << 20 });
    tl.extendToEnd(30_000);
    const folder = new Folder(tl.log, foldRunOf(cfg));
    const c = tl.boundaryAtOrAfter(tl.log.length - 10);
    const st = tl.stateAt(c);
    const f = folder.frameAt(st.eventCount);
    expect(compareFoldToSim(folder.stateAt(st.eventCount), st)).toEqual([]);
    expect(f.pageCount).toBeGreaterThan(DETAIL_LIMIT);
    expect(f.detail).toBe(false);
    expect(f.pages).toBeNull();
    expect(f.activeList).toBeNull();
    expect(f.zapper.batches).toBeNull();
    const active = [...st.pages.values()].filter((p) => p.list === 'active');
    expect(f.activeStates).toHaveLength(active.length);
    const obsolete = active.filter((p) => !p.role.invalid && p.gen !== st.mmuValidGen).length;
    expect(f.aggregate.filter((x) => x.state === 'obsolete').reduce((n, x) => n + x.count, 0)).toBe(obsolete);
    expect([...f.activeStates!].filter((code) => PAGE_STATES[code] === 'obsolete')).toHaveLength(obsolete);
    // A small run asked for aggregate only gets no pages either.
    expect(folder.frameAt(5, 'aggregate').pages).toBeNull();
  });
});

describe('fold checkpoints are packed; the fold reads the compact log', () => {
  it('packFold / unpackFold round-trip a fold state, orders included', () => {
    const cfg = preset('back-to-back');
    const tl = new Timeline(cfg);
    tl.extendToEnd();
    for (const c of [0, 10, 1000, 3001, tl.length]) {
      const s = foldTo(tl.events, c, foldRunOf(cfg));
      const u = unpackFold(packFold(s));
      expect(u).toEqual(cloneFoldState(s));
      expect([...u.pages.keys()]).toEqual([...s.pages.keys()]);
      expect(frameOf(u, { detail: 'auto', last: null })).toEqual(frameOf(s, { detail: 'auto', last: null }));
    }
  });

  it('a Folder over the Timeline EventLog gives the frames of one over the array, within its byte budget', () => {
    const cfg = preset('back-to-back');
    const tl = new Timeline(cfg);
    tl.extendToEnd();
    const compact = new Folder(tl.events, { ...foldRunOf(cfg), checkpointEvery: 64, maxCheckpointBytes: 60_000 });
    const plain = new Folder(tl.log, foldRunOf(cfg));
    compact.prefold(tl.length);
    expect(compact.checkpointBytes).toBeLessThanOrEqual(60_000);
    expect(compact.checkpointCount).toBeGreaterThanOrEqual(2);
    for (const c of [tl.length, 7, 2500, 2499, 4000, 0, 1234, tl.length - 1]) expect(compact.frameAt(c)).toEqual(plain.frameAt(c));
  });

  it('a vCPU handed mmu_lock shows what it waited for (faulting or reloading), never spinning as the holder', () => {
    const cfg = preset('memslot-delete-under-load');
    const tl = new Timeline(cfg);
    tl.extendTo(40_000);
    const folder = new Folder(tl.events, foldRunOf(cfg));
    let handoffs = 0;
    const seen = new Set<string>();
    for (let i = 0; i < tl.length; i++) {
      const s = folder.stateAt(i + 1);
      const holder = s.lock.holder;
      if (holder?.startsWith('vcpu')) {
        const v = s.vcpus[Number(holder.slice(4))]!;
        expect(v.activity).not.toBe('spinning');
        if (tl.events.typeAt(i) === 'lock.released' && tl.events.actorAt(i) !== holder) {
          handoffs++;
          seen.add(v.activity);
          expect(v.activity).toBe(v.faultGfn !== null ? 'faulting' : 'reloading');
        }
      }
    }
    expect(handoffs).toBeGreaterThan(10);
    expect(seen).toEqual(new Set(['faulting', 'reloading']));
  });
});
