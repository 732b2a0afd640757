import { describe, expect, it } from 'vitest';
import { SimClient } from '../client/client.ts';
import { InProcessTransport } from '../client/inProcess.ts';
import { MAIN_SIM, simId } from '../protocol/messages.ts';
import { LANDMARK_TYPES } from '../sim/events.ts';
import { SPEEDS_NS_PER_S, speedAt } from './speed.ts';
import { createFastZapStore, type StoreTuning } from './store.ts';
import type { FastZapState } from './types.ts';
import { inProcessStore, ManualFrames, presetScenario as scenario, settle, until } from './testkit.ts';

function setup(tuning: Partial<StoreTuning> = { autoCompute: false }) {
  const frames = new ManualFrames();
  const { store, transports } = inProcessStore({
    scheduler: frames,
    tuning: { windowRadius: 50, chunkEvents: 2000, ...tuning },
    // These tests count steps from cursor 0 (see 'opens a new run just after its setup' below).
    startAfterSetup: false,
  });
  const a = () => store.getState().actions;
  const main = () => store.getState().sims[MAIN_SIM]!;
  return { store, frames, transports, a, main };
}

/** The main run is computed to its end and compute-ahead has stopped. */
const computedToTheEnd = (st: FastZapState) => st.sims[MAIN_SIM]?.progress?.done === true && st.sims[MAIN_SIM]?.computing === false;

describe('store: loading and stepping', () => {
  it('loads a scenario, computes ahead in the background with progress and landmarks', async () => {
    const { a, main, store } = setup({ autoCompute: true });
    await a().loadScenario(scenario('classroom'));
    expect(main().status).toBe('ready');
    expect(main().frame?.cursor).toBe(0);
    expect(main().meta?.name).toBe('classroom');
    await until(store, computedToTheEnd);
    const lms = main().landmarks;
    expect(lms.map((l) => l.type)).toContain('gen.bumped');
    expect(lms.every((l) => LANDMARK_TYPES.has(l.type))).toBe(true);
    expect(lms.every((l, k) => k === 0 || l.i > lms[k - 1]!.i)).toBe(true);
    expect(store.getState().ui.error).toBeNull();
  });

  it('steps forward and back one event; seeking back and forth gives identical frames; the event window stays bounded', async () => {
    const { a, main, store } = setup();
    await a().loadScenario(scenario('classroom'));
    for (let k = 0; k < 3; k++) await a().stepForward();
    expect(store.getState().playback.cursor).toBe(3);
    expect(main().frame?.cursor).toBe(3);
    await a().stepBack();
    expect(main().frame?.cursor).toBe(2);
    expect(store.getState().playback.tNs).toBe(main().frame!.tNs);
    const computed = main().progress!.events;
    await a().seek(1500); // beyond what is computed: computed on demand
    expect(main().frame!.cursor).toBe(1500);
    expect(main().progress!.events).toBeGreaterThan(computed);
    const end = main().progress!.events;
    await a().seek(end);
    await a().stepForward(); // stepping past the end computes more
    expect(main().frame!.cursor).toBe(end + 1);
    const f = main().frame;
    await a().seek(10);
    await a().seek(end + 1);
    expect(main().frame).toEqual(f);
    await settle();
    const w = main().window;
    expect(w.events.length).toBeLessThanOrEqual(100);
    expect(w.from).toBeLessThanOrEqual(end + 1);
    expect(w.from + w.events.length).toBeGreaterThanOrEqual(end + 1);
    expect(w.events.every((e, k) => e.i === w.from + k)).toBe(true);
  });

  it('jumps to the next and previous landmark, computing ahead when it must', async () => {
    const { a, main, store } = setup();
    await a().loadScenario(scenario('classroom'));
    const seen: string[] = [];
    for (let k = 0; k < 4; k++) {
      await a().nextLandmark();
      const last = main().frame!.last!;
      expect(LANDMARK_TYPES.has(last.type)).toBe(true);
      expect(store.getState().playback.cursor).toBe(last.i + 1);
      seen.push(last.type);
    }
    expect(seen.slice(0, 2)).toEqual(['invalidation.started', 'gen.bumped']);
    expect(main().frame!.globalGen).toBe(1);
    const here = store.getState().playback.cursor;
    await a().prevLandmark();
    expect(store.getState().playback.cursor).toBeLessThan(here);
    expect(LANDMARK_TYPES.has(main().frame!.last!.type)).toBe(true);
  });

  it('intervenes at the current cursor: the future forks, landmarks follow', async () => {
    const { a, main, store } = setup();
    await a().loadScenario(scenario('root-in-use'));
    await a().seek(40);
    await a().intervene({ type: 'memslot-delete' });
    const iv = main().meta!.interventions;
    expect(iv).toHaveLength(1);
    expect(iv[0]!.atEvent).toBeGreaterThanOrEqual(40);
    expect(store.getState().playback.cursor).toBe(main().frame!.cursor);
    await a().nextLandmark();
    expect(main().frame!.last?.type).toBe('invalidation.started');
    expect(main().frame!.last!.i).toBeGreaterThanOrEqual(iv[0]!.atEvent);
    expect(main().landmarks.every((l, k, xs) => k === 0 || l.i > xs[k - 1]!.i)).toBe(true);
  });

  it('shows errors: a bad scenario is a plain error, a crash offers reset, and reset restores the run', async () => {
    const { a, main, store, transports } = setup();
    await a().loadScenario({ ...scenario('classroom'), durationNs: 3 });
    expect(store.getState().ui.error).toMatchObject({ code: 'E_SCHEMA', resettable: false });
    expect(main().status).toBe('error');
    a().dismissError();
    await a().loadScenario(scenario('classroom'));
    await a().seek(30);
    const before = main().frame;
    a().play();
    transports[0]!.crash('worker out of memory');
    await settle();
    expect(store.getState().ui.error).toMatchObject({ code: 'E_WORKER_CRASHED', resettable: true });
    expect(store.getState().playback.playing).toBe(false);
    await a().stepForward(); // fails again, does not throw
    expect(store.getState().ui.error?.code).toBe('E_WORKER_CRASHED');
    await a().reset();
    expect(transports).toHaveLength(2);
    expect(store.getState().ui.error).toBeNull();
    expect(main().status).toBe('ready');
    expect(main().frame!.cursor).toBe(31); // where the failed step wanted to go
    await a().seek(30);
    expect(main().frame).toEqual(before);
  });
});

describe('store: playback clock', () => {
  it('advances simulated time by speed × wall time, on animation frames, and stops at the end', async () => {
    const { a, main, store, frames } = setup({ autoCompute: true });
    await a().loadScenario(scenario('classroom'));
    await until(store, (st) => st.sims[MAIN_SIM]?.progress?.done === true);
    a().setSpeedIndex(6); // 100 µs/s
    expect(speedAt(6)).toBe(100_000);
    a().play();
    expect(store.getState().playback.playing).toBe(true);
    frames.frame(16); // the first frame only starts the clock
    const t0 = store.getState().playback.tNs;
    for (let k = 0; k < 10; k++) frames.frame(100);
    expect(store.getState().playback.tNs - t0).toBeCloseTo(100_000, 0); // 1 s at 100 µs/s
    await settle();
    const f = main().frame!;
    expect(f.tNs).toBeLessThanOrEqual(store.getState().playback.tNs);
    expect(store.getState().playback.cursor).toBe(f.cursor);
    a().pause();
    expect(frames.waiting).toBe(0);
    const t1 = store.getState().playback.tNs;
    frames.frame(1000);
    expect(store.getState().playback.tNs).toBe(t1);
    // Fast to the end: playback stops there.
    a().setSpeedIndex(SPEEDS_NS_PER_S.length - 1);
    a().play();
    for (let k = 0; k < 50 && store.getState().playback.playing; k++) frames.frame(250);
    expect(store.getState().playback.playing).toBe(false);
    await settle();
    expect(main().frame!.cursor).toBe(main().progress!.events);
  });

  it('playing past what is computed asks the worker for more instead of stopping', async () => {
    const { a, main, store, frames } = setup({ autoCompute: false });
    await a().loadScenario(scenario('classroom'));
    const computed = main().progress!.events;
    a().setSpeedIndex(9); // 1 ms/s
    a().play();
    for (let k = 0; k < 20; k++) {
      frames.frame(100);
      await settle(5);
    }
    expect(store.getState().playback.playing).toBe(true);
    expect(main().progress!.events).toBeGreaterThan(computed);
    expect(main().frame!.cursor).toBeGreaterThan(computed);
    a().pause();
  });

  it('moves speed on the log scale within bounds', () => {
    const { a, store } = setup();
    const i0 = store.getState().playback.speedIndex;
    a().faster();
    expect(store.getState().playback.speedIndex).toBe(i0 + 1);
    a().slower();
    a().slower();
    expect(store.getState().playback.speedIndex).toBe(i0 - 1);
    a().setSpeedIndex(-10);
    a().slower();
    expect(store.getState().playback.speedIndex).toBe(0);
    a().setSpeedIndex(999);
    expect(store.getState().playback.speedIndex).toBe(SPEEDS_NS_PER_S.length - 1);
  });

  it('keeps two sims on one clock: the second follows the first by time', async () => {
    const { a, store, frames } = setup({ autoCompute: true });
    const b = simId('compare');
    await a().loadScenario(scenario('classroom'));
    await a().loadScenario(scenario('root-in-use'), { sim: b });
    expect(Object.keys(store.getState().sims)).toEqual(['main', 'compare']);
    await until(store, (st) => Object.values(st.sims).every((s) => s.progress?.done === true && !s.computing));
    // The second run's frame at a time, asked of a client of its own.
    const ref = new SimClient(new InProcessTransport());
    let p = (await ref.load(b, scenario('root-in-use'))).progress;
    while (!p.done) p = await ref.extend(b, { maxEvents: 5000 });
    const follows = async () => {
      const st = store.getState();
      const want = (await ref.frame(b, { type: 'time', tNs: st.playback.tNs })).frame;
      expect(want.cursor).toBeGreaterThan(0);
      expect(st.sims[b]!.frame!.cursor).toBe(want.cursor);
    };
    for (let k = 0; k < 60; k++) await a().stepForward();
    expect(store.getState().playback.tNs).toBe(store.getState().sims[MAIN_SIM]!.frame!.tNs);
    await follows();
    const t60 = store.getState().playback.tNs;
    await a().nextLandmark();
    expect(store.getState().playback.tNs).toBeGreaterThan(t60);
    await follows();
    await a().seek(45); // back in time: the second goes back too
    await follows();
    // Playing: every tick moves both.
    a().play();
    for (let k = 0; k < 5; k++) frames.frame(100);
    a().pause();
    await settle();
    await follows();
    ref.close();
    await a().unloadSim(b);
    expect(Object.keys(store.getState().sims)).toEqual(['main']);
  });
});

describe('store: view and ui', () => {
  it('selects pages, zooms, toggles help and detail mode', async () => {
    const { a, main, store } = setup();
    await a().loadScenario(scenario('classroom'));
    a().selectPage(1);
    expect(store.getState().view.selectedPage).toBe(1);
    a().setZoom(1000);
    expect(store.getState().view.zoom).toBe(40);
    a().toggleHelp();
    expect(store.getState().ui.helpOpen).toBe(true);
    a().setHelpOpen(false);
    expect(store.getState().ui.helpOpen).toBe(false);
    a().setReducedMotion(true);
    expect(store.getState().ui.reducedMotion).toBe(true);
    await a().seek(200);
    a().setDetailMode('aggregate');
    await settle();
    expect(main().frame!.pages).toBeNull();
    expect(main().frame!.aggregate.length).toBeGreaterThan(0);
    const hist = await a().pageHistory(1);
    expect(hist[0]).toMatchObject({ type: 'page.created', page: 1 });
  });
});

describe('store: latency and loading options', () => {
  it('opens a new run just after its setup by default; cursor 0 when asked, or at an explicit cursor', async () => {
    const store = createFastZapStore({
      createClient: () => new SimClient(new InProcessTransport()),
      scheduler: new ManualFrames(),
      tuning: { autoCompute: false, windowRadius: 50 },
    });
    const a = store.getState().actions;
    await a.loadScenario(scenario('classroom'));
    const main = () => store.getState().sims[MAIN_SIM]!;
    const setup = main().meta!.setupEvents;
    expect(setup).toBeGreaterThan(0);
    expect(main().frame!.cursor).toBe(setup);
    expect(store.getState().playback).toMatchObject({ cursor: setup, tNs: main().frame!.tNs });
    expect(main().frame!.pages!.length).toBeGreaterThan(30);
    await settle();
    const w = main().window;
    expect(w.events.some((e) => e.i === setup - 1)).toBe(true);
    expect(w.events.find((e) => e.i === setup)?.actor).not.toBe('setup');
    await a.stepForward();
    expect(main().frame!.cursor).toBe(setup + 1);
    await a.loadScenario(scenario('classroom'), { startAfterSetup: false });
    expect(main().frame!.cursor).toBe(0);
    expect(store.getState().playback.cursor).toBe(0);
    await a.loadScenario(scenario('classroom'), { cursor: 5 });
    expect(main().frame!.cursor).toBe(5);
    a.destroy();
  });

  it('a step posts its frame request before any store update, then lands in exactly one update', async () => {
    const log: string[] = [];
    const store = createFastZapStore({
      createClient: () => {
        const t = new InProcessTransport();
        const post = t.post.bind(t);
        t.post = (m) => {
          log.push(`post ${m.type}`);
          post(m);
        };
        return new SimClient(t);
      },
      scheduler: new ManualFrames(),
      tuning: { autoCompute: false, windowRadius: 50 },
    });
    const a = store.getState().actions;
    await a.loadScenario(scenario('classroom'), { cursor: 400 }); // computed up to 400
    await a.seek(100);
    await settle();
    store.subscribe(() => log.push('update'));
    for (let k = 0; k < 20; k++) {
      log.length = 0;
      const p = a.stepForward();
      expect(log).toEqual(['post frame']); // synchronously, in the click handler
      await p;
      await settle(5);
      // The window moves with the frame when it must (same request), never in a second update.
      expect(log).toEqual(['post frame', 'update']);
      expect(store.getState().playback.cursor).toBe(101 + k);
      expect(store.getState().sims[MAIN_SIM]!.frame!.cursor).toBe(101 + k);
      const w = store.getState().sims[MAIN_SIM]!.window;
      expect(w.from).toBeLessThanOrEqual(101 + k - 25);
      expect(w.from + w.events.length).toBeGreaterThanOrEqual(101 + k + 25);
    }
    // Rapid steps count from the cursor asked for, not from the one shown.
    await Promise.all([a.stepForward(), a.stepForward(), a.stepForward()]);
    expect(store.getState().playback.cursor).toBe(123);
    a.destroy();
  });

  it('keeps unchanged parts of the frame (page objects, the pages array) across steps', async () => {
    const { a, main } = setup();
    await a().loadScenario(scenario('classroom'), { cursor: 1000 });
    let kept = 0;
    for (let k = 0; k < 40; k++) {
      const before = main().frame!;
      await a().stepForward();
      const after = main().frame!;
      if (after.pages === before.pages) kept++;
      const old = new Map(before.pages!.map((p) => [p.id, p]));
      const same = after.pages!.filter((p) => old.get(p.id) === p).length;
      expect(same).toBeGreaterThanOrEqual(after.pages!.length - 4);
    }
    expect(kept).toBeGreaterThan(10);
  });

  it('compute-ahead writes progress to the store at most every progressEveryMs (and at the end)', async () => {
    const now = 0; // the clock stands still: only the load and the end write progress
    const store = createFastZapStore({
      createClient: () => new SimClient(new InProcessTransport()),
      scheduler: new ManualFrames(),
      tuning: { chunkEvents: 200, chunkBudgetMs: 1000 },
      now: () => now,
      startAfterSetup: false,
    });
    const seen = new Set<unknown>();
    store.subscribe((st) => seen.add(st.sims[MAIN_SIM]?.progress));
    await store.getState().actions.loadScenario(scenario('classroom'));
    const main = () => store.getState().sims[MAIN_SIM]!;
    await until(store, computedToTheEnd);
    seen.delete(undefined);
    seen.delete(null);
    expect(seen.size).toBeLessThanOrEqual(3);
    const lms = main().landmarks;
    expect(lms.map((l) => l.type)).toContain('gen.bumped');
    expect(lms.every((l, k) => k === 0 || l.i > lms[k - 1]!.i)).toBe(true);
    store.getState().actions.destroy();
  });

  it('actions are plain functions: they work unbound', async () => {
    const { a, main } = setup();
    const { loadScenario, stepForward, seek } = a();
    await loadScenario(scenario('classroom'));
    await seek(10);
    await stepForward();
    expect(main().frame!.cursor).toBe(11);
  });
});
