/**
 * Determinism and time travel: same config + seed (+ interventions) ⇒ the same log; snapshot and
 * restore; Timeline.stateAt against a live run; Timeline.intervene in the past forks and replays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from './engine.ts';
import type { SimEvent } from './events.ts';
import { unpackState } from './pack.ts';
import { EVENTS_PER_PAGE, Timeline, type TimedIntervention } from './timeline.ts';
import { logHash, makeConfig, ofType, resumeFrom, runLog, script, workload } from './testkit.ts';
import type { Intervention, SimConfig, SimState } from './types.ts';

const busy = (over: Partial<SimConfig> = {}): SimConfig =>
  makeConfig({
    vcpus: [0, 1, 2].map((k) => workload(12, 12 * k, { gapNs: 400, pattern: k === 1 ? 'hot-set' : 'uniform' })),
    script: script(
      [150_000, { type: 'memslot-delete' }],
      [400_000, { type: 'shrink', calls: 1 }],
      [500_000, { type: 'pause-vcpu', vcpu: 2 }],
    ),
    durationNs: 1_200_000,
    ...over,
  });

/** No script, nothing mapped at start: the vCPUs fault all the time, so the log is long. */
const faulting = (): SimConfig => busy({ script: [], prepopulate: false });

/** The live state once the log holds at least `k` events, from a fresh run. */
function liveAt(cfg: SimConfig, k: number, interventions: readonly TimedIntervention[] = []): SimState {
  let count = 0;
  const sim = Simulation.create(cfg, () => count++);
  let next = 0;
  for (;;) {
    while (next < interventions.length && interventions[next]!.atEvent <= count) sim.intervene(interventions[next++]!.action);
    if (count >= k || !sim.step()) break;
  }
  return sim.snapshot();
}

describe('determinism', () => {
  it('the same config and seed give the same log, byte for byte', () => {
    const a = runLog(busy());
    const b = runLog(busy());
    expect(a.length).toBeGreaterThan(1000);
    expect(logHash(a)).toBe(logHash(b));
  });

  it('different seeds give different logs', () => {
    const hashes = new Set([1, 2, 3].map((seed) => logHash(runLog(busy({ seed })))));
    expect(hashes.size).toBe(3);
  });

  it('the same interventions at the same event indices give the same log', () => {
    const iv: TimedIntervention[] = [
      { atEvent: 300, action: { type: 'memslot-delete' } },
      { atEvent: 900, action: { type: 'set-workload', vcpu: 0, workload: workload(4, 40) } },
      { atEvent: 1200, action: { type: 'bump-generation' } },
    ];
    const a = new Timeline(faulting(), iv);
    const b = new Timeline(faulting(), iv);
    a.extendToEnd();
    b.extendToEnd();
    expect(ofType(a.log, 'gen.bumped')).toHaveLength(2);
    expect(logHash(a.log)).toBe(logHash(b.log));
  });

  it('a Timeline without interventions logs exactly what a plain run logs', () => {
    const tl = new Timeline(busy(), [], { checkpointEvery: 100 });
    tl.extendToEnd();
    expect(logHash(tl.log)).toBe(logHash(runLog(busy())));
  });
});

describe('snapshot and restore', () => {
  it('restore at step k and run to the end == run straight to the end (same events from k, same final state)', () => {
    const cfg = busy();
    const all: SimEvent[] = [];
    const straight = Simulation.create(cfg, (e) => all.push(e));
    straight.runToEnd();
    for (const k of [0, 1, 37, 400, 1500, all.length - 3]) {
      const { snap, rest, final } = resumeFrom(cfg, k);
      expect(JSON.stringify(rest)).toBe(JSON.stringify(all.slice(snap.eventCount)));
      expect(final).toEqual(straight.snapshot());
    }
  });

  it('a snapshot is a deep copy: running on does not change it', () => {
    const sim = Simulation.create(busy());
    sim.runToEvent(500);
    const snap = sim.snapshot();
    const json = JSON.stringify([...snap.pages.values()]);
    sim.runToEnd();
    expect(JSON.stringify([...snap.pages.values()])).toBe(json);
    expect(snap.eventCount).toBeLessThan(sim.state.eventCount);
  });
});

describe('Timeline', () => {
  it('stateAt(k) equals the live state at k, from whatever checkpoint', () => {
    const cfg = busy();
    const tl = new Timeline(cfg, [], { checkpointEvery: 64, maxCheckpoints: 6 });
    tl.extendToEnd();
    expect(tl.done).toBe(true);
    for (const k of [0, 5, 63, 64, 65, 700, 2000, tl.log.length - 1, tl.log.length]) {
      expect(tl.stateAt(k)).toEqual(liveAt(cfg, k));
    }
    expect(tl.stateAt(tl.log.length)).toEqual(Simulation.restore(cfg, tl.head as SimState).snapshot());
  });

  it('stateAt honours interventions made through intervene()', () => {
    const cfg = faulting();
    const tl = new Timeline(cfg, [], { checkpointEvery: 50 });
    tl.extendTo(200);
    const at = tl.intervene(200, { type: 'memslot-delete' });
    tl.extendTo(1500);
    for (const k of [at - 1, at, at + 10, 600, 1400]) expect(tl.stateAt(k)).toEqual(liveAt(cfg, k, tl.interventions));
  });

  it('an intervention in the present is seen by stateAt even from a checkpoint taken at that very count', () => {
    const cfg = faulting();
    const tl = new Timeline(cfg, [], { checkpointEvery: 1000 });
    const at = tl.intervene(tl.log.length, { type: 'memslot-delete' }); // the initial checkpoint is at this count
    tl.extendTo(at + 300);
    const k = at + 50;
    const bumpsBefore = tl.log.slice(0, k).filter((e) => e.type === 'gen.bumped').length;
    expect(bumpsBefore).toBe(1);
    expect(tl.stateAt(k).mmuValidGen).toBe(1);
    expect(tl.stateAt(k)).toEqual(liveAt(cfg, k, tl.interventions));
  });

  it('intervene in the past forks: the log is cut there and recomputed deterministically', () => {
    const cfg = faulting();
    const tl = new Timeline(cfg, [], { checkpointEvery: 128 });
    tl.extendTo(3000);
    const before = tl.log.slice();
    const at = tl.intervene(700, { type: 'memslot-delete' });
    expect(at).toBeGreaterThanOrEqual(700);
    expect(tl.log.length).toBe(at);
    expect(JSON.stringify(tl.log)).toBe(JSON.stringify(before.slice(0, at)));
    tl.extendToEnd();
    expect(logHash(tl.log)).not.toBe(logHash(before));
    expect(ofType(tl.log, 'invalidation.started')[0]!.i).toBe(at);
    // Replaying (config, interventions) from scratch yields the identical log.
    const replay = new Timeline(cfg, tl.interventions);
    replay.extendToEnd();
    expect(logHash(replay.log)).toBe(logHash(tl.log));
  });

  it('a second intervention further in the past drops the later one', () => {
    const cfg = faulting();
    const tl = new Timeline(cfg);
    tl.extendTo(2000);
    tl.intervene(1500, { type: 'memslot-delete' });
    tl.extendTo(2500);
    const at = tl.intervene(400, { type: 'pause-vcpu', vcpu: 0 });
    expect(tl.interventions).toEqual([{ atEvent: at, action: { type: 'pause-vcpu', vcpu: 0 } }]);
    tl.extendToEnd();
    expect(ofType(tl.log, 'invalidation.started')).toEqual([]);
  });

  it('snaps an intervention to the next step boundary', () => {
    const cfg = faulting();
    const tl = new Timeline(cfg);
    tl.extendTo(1000);
    // Find an event count inside a multi-event step.
    let inside = -1;
    for (let k = 1; k < tl.log.length; k++) {
      if (tl.log[k]!.tNs === tl.log[k - 1]!.tNs && tl.log[k]!.actor === tl.log[k - 1]!.actor && tl.boundaryAtOrAfter(k) !== k) {
        inside = k;
        break;
      }
    }
    expect(inside).toBeGreaterThan(0);
    const at = tl.intervene(inside, { type: 'shrink', calls: 1 });
    expect(at).toBeGreaterThan(inside);
    expect(tl.boundaryAtOrAfter(at)).toBe(at);
  });

  it('given interventions that fall inside a step, applies them at the next boundary, live and in stateAt alike', () => {
    const cfg = faulting();
    const probe = new Timeline(cfg);
    probe.extendTo(600);
    let inside = -1;
    for (let k = 300; k < 600; k++)
      if (probe.boundaryAtOrAfter(k) !== k) {
        inside = k;
        break;
      }
    expect(inside).toBeGreaterThan(0);
    const tl = new Timeline(cfg, [{ atEvent: inside, action: { type: 'memslot-delete' } }], { checkpointEvery: 40 });
    tl.extendTo(1500);
    expect(ofType(tl.log, 'invalidation.started')[0]!.i).toBe(probe.boundaryAtOrAfter(inside));
    for (const k of [inside - 1, inside + 1, 900, 1400]) expect(tl.stateAt(k)).toEqual(liveAt(cfg, k, tl.interventions));
  });

  it('random interventions, in the past or the present: replay from (config, interventions) is identical and stateAt is exact', () => {
    const action = fc.oneof(
      fc.constant<Intervention>({ type: 'memslot-delete' }),
      fc.constant<Intervention>({ type: 'bump-generation' }),
      fc.integer({ min: 1, max: 2 }).map((calls): Intervention => ({ type: 'shrink', calls })),
      fc.integer({ min: 0, max: 2 }).map((vcpu): Intervention => ({ type: 'pause-vcpu', vcpu })),
      fc.integer({ min: 0, max: 2 }).map((vcpu): Intervention => ({ type: 'resume-vcpu', vcpu })),
    );
    const op = fc.record({ extend: fc.integer({ min: 0, max: 600 }), back: fc.integer({ min: 0, max: 800 }), action });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 1000 }), (ops, probe) => {
        const cfg = faulting();
        const tl = new Timeline(cfg, [], { checkpointEvery: 97, maxCheckpoints: 5 });
        for (const o of ops) {
          tl.extendTo(tl.log.length + o.extend);
          tl.intervene(Math.max(0, tl.log.length - o.back), o.action);
        }
        tl.extendTo(tl.log.length + 500);
        const replay = new Timeline(cfg, tl.interventions);
        replay.extendTo(tl.log.length);
        expect(JSON.stringify(replay.log.slice(0, tl.log.length))).toBe(JSON.stringify(tl.log));
        const k = Math.min(probe, tl.log.length);
        expect(tl.stateAt(k)).toEqual(liveAt(cfg, k, tl.interventions));
      }),
      { numRuns: 25, seed: 42, includeErrorInReport: true },
    );
  });

  it('keeps the checkpoint budget by thinning, and still answers stateAt exactly', () => {
    const cfg = busy();
    const tl = new Timeline(cfg, [], { checkpointEvery: 8, maxCheckpoints: 4 });
    tl.extendToEnd();
    expect(tl.checkpoints.length).toBeLessThanOrEqual(4);
    expect(tl.checkpoints.length).toBeGreaterThanOrEqual(2);
    for (const k of [10, 999, tl.log.length - 2]) expect(tl.stateAt(k)).toEqual(liveAt(cfg, k));
  });
});

describe('Timeline memory', () => {
  it('spaces checkpoints by the size of the state on its own, and keeps them within the byte budget', () => {
    const cfg = busy({
      vcpus: [0, 1, 2, 3].map((k) => workload(64, 64 * k, { gapNs: 200 })),
      guestPages: 256 * 256,
      prepopulate: false,
      nMaxMmuPages: 5000,
      script: script([600_000, { type: 'memslot-delete' }]),
      durationNs: 1_500_000,
    });
    const budget = 200_000;
    const tl = new Timeline(cfg, [], { checkpointEvery: 1, maxCheckpoints: 1000, maxCheckpointBytes: budget });
    tl.extendToEnd();
    const cps = tl.checkpoints;
    expect(tl.head.pages.size).toBeGreaterThan(100);
    expect(cps.length).toBeGreaterThanOrEqual(3);
    // Consecutive checkpoints are at least EVENTS_PER_PAGE events per page of the state apart
    // (checkpointEvery: 1 asks for far more).
    for (let k = 1; k < cps.length; k++) {
      const pages = unpackState(cps[k - 1]!.packed).pages.size;
      expect(cps[k]!.at - cps[k - 1]!.at).toBeGreaterThanOrEqual(EVENTS_PER_PAGE * pages);
    }
    expect(tl.checkpointBytes).toBe(cps.reduce((b, c) => b + c.packed.bytes, 0));
    expect(tl.checkpointBytes).toBeLessThanOrEqual(budget);
    for (const k of [3, 1000, tl.length >> 1, tl.length - 1]) expect(tl.stateAt(k)).toEqual(liveAt(cfg, k));
  });

  it('stores the log compactly; `log` is a mirror made on first use and kept in step through forks', () => {
    const cfg = faulting();
    const tl = new Timeline(cfg, [], { checkpointEvery: 64 });
    tl.extendTo(800);
    expect((tl as unknown as { mirror: unknown }).mirror).toBeNull();
    expect(tl.events.length).toBe(tl.length);
    const log = tl.log;
    expect(log).toEqual(tl.events.slice());
    tl.extendTo(1600);
    expect(tl.log).toBe(log);
    expect(log.length).toBe(tl.events.length);
    const at = tl.intervene(1000, { type: 'memslot-delete' });
    expect(log.length).toBe(tl.events.length);
    tl.extendTo(2000);
    expect(JSON.stringify(log)).toBe(JSON.stringify(tl.events.slice()));
    expect(log[at]!.i).toBe(at);
  });

  it('counts the setup events: the first ones, all by the setup', () => {
    const tl = new Timeline(busy());
    tl.extendTo(500);
    expect(tl.setupEvents).toBeGreaterThan(0);
    expect(tl.log.slice(0, tl.setupEvents).every((e) => e.actor === 'setup')).toBe(true);
    expect(tl.log[tl.setupEvents]!.actor).not.toBe('setup');
  });
});
