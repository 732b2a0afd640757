import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ReplyTo, SimId, ToWorker, ToWorkerType } from '../protocol/messages.ts';
import { MAIN_SIM, simId } from '../protocol/messages.ts';
import { PRESETS, validateScenario, type Scenario } from '../scenario/index.ts';
import { LANDMARK_TYPES } from '../sim/index.ts';
import { Folder, foldTo } from '../trace/fold.ts';
import { frameOf } from '../trace/frameOf.ts';
import { foldRunOf } from '../trace/names.ts';
import { SimHost } from './host.ts';
import type { HostedSim } from './sims.ts';

function scenario(name: string): Scenario {
  const r = validateScenario(PRESETS.find((p) => p.name === name)!.scenario);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

let nextId = 1;
/** Send one request; expect the reply of its type and return it. */
function ask<T extends ToWorkerType>(
  host: SimHost,
  type: T,
  body: Omit<Extract<ToWorker, { type: T }>, 'type' | 'id' | 'sim'> & { sim?: SimId },
): ReplyTo<T> {
  const id = nextId++;
  const out = host.handle(structuredClone({ sim: MAIN_SIM, ...body, type, id }));
  if (out.type === 'error') throw new Error(`${out.error.code}: ${out.error.message}`);
  expect(out.id).toBe(id);
  return out as ReplyTo<T>;
}
function askError(host: SimHost, msg: unknown): Extract<FromWorker, { type: 'error' }> {
  const out = host.handle(msg);
  expect(out.type).toBe('error');
  return out as Extract<FromWorker, { type: 'error' }>;
}

afterEach(() => vi.restoreAllMocks());

describe('SimHost', () => {
  it('loads, computes in bounded chunks on request, and answers frames, events and landmarks', () => {
    const host = new SimHost();
    const loaded = ask(host, 'load', { scenario: scenario('classroom'), interventions: [], target: null, maxEvents: 0, detail: 'auto' });
    expect(loaded.frame.cursor).toBe(0);
    expect(loaded.meta).toMatchObject({ name: 'classroom', strategy: 'fast-3.11', vcpus: 2 });
    const first = loaded.progress.events;
    const ext = ask(host, 'extend', { maxEvents: 500, budgetMs: null, until: null });
    expect(ext.progress.events - first).toBeGreaterThanOrEqual(500);
    expect(ext.progress.events - first).toBeLessThan(520); // one step may emit a few events
    let p = ext.progress;
    while (!p.done) p = ask(host, 'extend', { maxEvents: 2000, budgetMs: 50, until: null }).progress;
    expect(p.tNs).toBeLessThanOrEqual(p.durationNs);

    const f = ask(host, 'frame', { target: { type: 'cursor', cursor: 1000 }, detail: 'auto' }).frame;
    expect(f.cursor).toBe(1000);
    expect(f.pages!.length).toBeGreaterThan(0);
    expect(ask(host, 'frame', { target: { type: 'cursor', cursor: 10 ** 9 }, detail: 'auto' }).frame.cursor).toBe(p.events);

    // A frame at a time shows every event at or before it.
    const events = ask(host, 'events', { from: 990, to: 1010 }).events;
    expect(events.map((e) => e.i)).toEqual(Array.from({ length: 20 }, (_, k) => 990 + k));
    const t = events[5]!.tNs;
    const byTime = ask(host, 'frame', { target: { type: 'time', tNs: t }, detail: 'auto' }).frame;
    expect(byTime.tNs).toBe(t);
    const all = ask(host, 'events', { from: 0, to: p.events }).events;
    expect(all.length).toBe(Math.min(p.events, 5000));
    expect(byTime.cursor).toBe(all.filter((e) => e.tNs <= t).length);

    const lm = ask(host, 'landmarks', { from: 0 });
    expect(lm.scanned).toBe(p.events);
    expect(lm.landmarks.length).toBeGreaterThan(3);
    for (const l of lm.landmarks) expect(LANDMARK_TYPES.has(l.type)).toBe(true);
    expect(lm.landmarks.map((l) => l.type)).toContain('gen.bumped');
    const later = ask(host, 'landmarks', { from: lm.landmarks[2]!.i + 1 }).landmarks;
    expect(later).toEqual(lm.landmarks.slice(3));
  });

  it('loads straight to a target and stops extending at `until`', () => {
    const host = new SimHost();
    const r = ask(host, 'load', {
      scenario: scenario('classroom'),
      interventions: [],
      target: { type: 'cursor', cursor: 800 },
      maxEvents: 5000,
      detail: 'auto',
    });
    expect(r.frame.cursor).toBe(800);
    const until = r.progress.tNs + 300_000;
    const e = ask(host, 'extend', { maxEvents: 100_000, budgetMs: null, until: { type: 'time', tNs: until } });
    expect(e.progress.done).toBe(false);
    expect(e.progress.tNs).toBeGreaterThan(until);
    const evs = ask(host, 'events', { from: 0, to: e.progress.events }).events;
    const crossing = evs.findIndex((x) => x.tNs > until);
    expect(evs.slice(crossing).every((x) => x.tNs === evs[crossing]!.tNs)).toBe(true); // stopped right after crossing
  });

  it('intervenes in the past: forks the future, keeps the past, and replays from the interventions', () => {
    const host = new SimHost();
    const sc = scenario('root-in-use');
    ask(host, 'load', { scenario: sc, interventions: [], target: { type: 'cursor', cursor: 2000 }, maxEvents: 5000, detail: 'auto' });
    const before = ask(host, 'frame', { target: { type: 'cursor', cursor: 300 }, detail: 'auto' }).frame;
    const old = ask(host, 'events', { from: 300, to: 400 }).events;
    const r = ask(host, 'intervene', { cursor: 300, action: { type: 'resume-vcpu', vcpu: 1 }, detail: 'auto' });
    expect(r.at).toBeGreaterThanOrEqual(300);
    expect(r.cursor).toBeGreaterThan(r.at); // vcpu.resumed was emitted
    expect(r.frame.cursor).toBe(r.cursor);
    expect(r.frame.vcpus[1]!.paused).toBe(false);
    expect(r.meta.interventions).toEqual([{ atEvent: r.at, action: { type: 'resume-vcpu', vcpu: 1 } }]);
    expect(r.progress.events).toBe(r.cursor); // the old future is gone
    expect(ask(host, 'frame', { target: { type: 'cursor', cursor: 300 }, detail: 'auto' }).frame).toEqual(before);
    ask(host, 'extend', { maxEvents: 200, budgetMs: null, until: null });
    const fresh = ask(host, 'events', { from: 300, to: 400 }).events;
    expect(fresh).not.toEqual(old);
    // The same scenario + interventions loaded elsewhere gives the same log.
    ask(host, 'load', {
      sim: simId('replay'),
      scenario: sc,
      interventions: r.meta.interventions,
      target: { type: 'cursor', cursor: 400 },
      maxEvents: 5000,
      detail: 'auto',
    });
    expect(ask(host, 'events', { sim: simId('replay'), from: 300, to: 400 }).events).toEqual(fresh);
    // Intervening beyond what is computed is refused.
    const err = askError(host, {
      type: 'intervene',
      id: 99,
      sim: MAIN_SIM,
      cursor: 10 ** 7,
      action: { type: 'memslot-delete' },
      detail: 'auto',
    });
    expect(err.error.code).toBe('E_WORKER_RANGE');
    expect(err.id).toBe(99);
  });

  it('hosts several sims independently, and forgets disposed ones', () => {
    const host = new SimHost();
    const a = simId('a');
    const b = simId('b');
    ask(host, 'load', {
      sim: a,
      scenario: scenario('classroom'),
      interventions: [],
      target: { type: 'cursor', cursor: 500 },
      maxEvents: 5000,
      detail: 'auto',
    });
    ask(host, 'load', {
      sim: b,
      scenario: scenario('back-to-back'),
      interventions: [],
      target: { type: 'cursor', cursor: 50 },
      maxEvents: 5000,
      detail: 'auto',
    });
    expect(host.simIds.sort()).toEqual(['a', 'b']);
    expect(ask(host, 'frame', { sim: a, target: { type: 'cursor', cursor: 500 }, detail: 'auto' }).frame.cursor).toBe(500);
    expect(ask(host, 'frame', { sim: b, target: { type: 'cursor', cursor: 500 }, detail: 'auto' }).progress.events).toBeLessThan(500);
    ask(host, 'dispose', { sim: a });
    expect(askError(host, { type: 'frame', id: 5, sim: 'a', target: { type: 'cursor', cursor: 1 }, detail: 'auto' }).error.code).toBe(
      'E_WORKER_UNKNOWN_SIM',
    );
    expect(ask(host, 'frame', { sim: b, target: { type: 'cursor', cursor: 10 }, detail: 'auto' }).frame.cursor).toBe(10);
  });

  it('answers every failure with a coded error and never throws', () => {
    const host = new SimHost();
    const bad = askError(host, {
      type: 'load',
      id: 1,
      sim: 'main',
      scenario: { version: 1, guest: { memoryMiB: 1 } },
      interventions: [],
      target: null,
      maxEvents: 0,
      detail: 'auto',
    });
    expect(bad.error.code).toBe('E_SCHEMA');
    expect(bad.error.issues.length).toBeGreaterThan(0);
    expect(
      askError(host, {
        ...structuredClone(PRESETS[0]!),
        type: 'load',
        id: 2,
        sim: 'main',
        scenario: { version: 9 },
        interventions: [],
        target: null,
        maxEvents: 0,
        detail: 'auto',
      }).error.code,
    ).toBe('E_VERSION');
    expect(askError(host, 'hello').error).toMatchObject({ code: 'E_WORKER_BAD_REQUEST' });
    ask(host, 'load', { scenario: scenario('classroom'), interventions: [], target: null, maxEvents: 0, detail: 'auto' });
    expect(
      askError(host, { type: 'intervene', id: 3, sim: 'main', cursor: 0, action: { type: 'pause-vcpu', vcpu: 7 }, detail: 'auto' }).error
        .code,
    ).toBe('E_WORKER_BAD_REQUEST');
    vi.spyOn(Folder.prototype, 'frameAt').mockImplementation(() => {
      throw new Error('boom');
    });
    const internal = askError(host, { type: 'frame', id: 4, sim: 'main', target: { type: 'cursor', cursor: 1 }, detail: 'auto' });
    expect(internal).toMatchObject({ id: 4, sim: 'main', error: { code: 'E_WORKER_INTERNAL' } });
    expect(internal.error.message).toContain('boom');
  });

  it('respects the wall-clock budget of extend', () => {
    let t = 0;
    const host = new SimHost({ now: () => (t += 10) }); // every clock read is 10 ms later
    ask(host, 'load', { scenario: scenario('shrinker-first'), interventions: [], target: null, maxEvents: 0, detail: 'auto' });
    const start = ask(host, 'extend', { maxEvents: 0, budgetMs: null, until: null }).progress.events;
    const r = ask(host, 'extend', { maxEvents: 1_000_000, budgetMs: 25, until: null });
    expect(r.progress.done).toBe(false);
    expect(r.progress.events - start).toBeLessThanOrEqual(3 * 500 + 20); // a few slices, then out of time
  });

  it('returns the history of a page, oldest first, up to the cursor', () => {
    const host = new SimHost();
    ask(host, 'load', {
      scenario: scenario('classroom'),
      interventions: [],
      target: { type: 'cursor', cursor: 3000 },
      maxEvents: 5000,
      detail: 'auto',
    });
    const h = ask(host, 'history', { page: 1, to: 3000, limit: 50 }).events;
    expect(h[0]).toMatchObject({ type: 'page.created', page: 1 });
    expect(h.map((e) => e.type)).toEqual(expect.arrayContaining(['root.loaded', 'page.prepared', 'root.parked']));
    expect(h.every((e, k) => k === 0 || e.i > h[k - 1]!.i)).toBe(true);
    expect(ask(host, 'history', { page: 1, to: 3000, limit: 2 }).events).toEqual(h.slice(-2));
  });

  it('opens after the setup when asked, and answers a frame with its events and an extend with its landmarks', () => {
    const host = new SimHost();
    const r = ask(host, 'load', {
      scenario: scenario('classroom'),
      interventions: [],
      target: null,
      maxEvents: 0,
      detail: 'auto',
      startAfterSetup: true,
    });
    const setup = r.meta.setupEvents;
    expect(setup).toBeGreaterThan(0);
    expect(r.frame.cursor).toBe(setup);
    const first = ask(host, 'events', { from: 0, to: setup + 1 }).events;
    expect(first.slice(0, setup).every((e) => e.actor === 'setup')).toBe(true);
    expect(first[setup]?.actor).not.toBe('setup');
    expect(r.frame.pages!.length).toBeGreaterThan(30); // the pre-populated map
    // Without the option: cursor 0, as before.
    expect(
      ask(host, 'load', { sim: simId('z'), scenario: scenario('classroom'), interventions: [], target: null, maxEvents: 0, detail: 'auto' })
        .frame.cursor,
    ).toBe(0);

    const x = ask(host, 'extend', { maxEvents: 3000, budgetMs: null, until: null, landmarksFrom: 0 });
    const lm = ask(host, 'landmarks', { from: 0 });
    expect(x.landmarks).toEqual({ from: 0, scanned: lm.scanned, landmarks: lm.landmarks });
    expect(x.landmarks!.scanned).toBe(x.progress.events);
    expect(ask(host, 'extend', { maxEvents: 10, budgetMs: null, until: null }).landmarks).toBeUndefined();

    const f = ask(host, 'frame', { target: { type: 'cursor', cursor: 400 }, detail: 'auto', events: { from: 300, to: 500 } });
    expect(f.frame.cursor).toBe(400);
    expect(f.events).toEqual({ from: 300, events: ask(host, 'events', { from: 300, to: 500 }).events });
    expect(ask(host, 'frame', { target: { type: 'cursor', cursor: 400 }, detail: 'auto' }).events).toBeUndefined();
    const end = ask(host, 'frame', {
      target: { type: 'cursor', cursor: 10 ** 9 },
      detail: 'auto',
      events: { from: 10 ** 9 - 5, to: 10 ** 9 + 5 },
    });
    expect(end.events).toEqual({ from: 10 ** 9 - 5, events: [] });
  });

  it('keeps the log compact, and the fold follows it laying checkpoints, over a whole run', () => {
    const host = new SimHost();
    ask(host, 'load', { scenario: scenario('back-to-back'), interventions: [], target: null, maxEvents: 0, detail: 'auto' });
    let p = ask(host, 'extend', { maxEvents: 0, budgetMs: null, until: null }).progress;
    while (!p.done) p = ask(host, 'extend', { maxEvents: 5000, budgetMs: null, until: null }).progress;
    const h = (host as unknown as { sims: Map<string, HostedSim> }).sims.get(MAIN_SIM)!;
    // Compact (the objects take ~170 bytes each; this includes the chunk's unused room).
    expect(h.log.byteLength / h.log.length).toBeLessThan(100);
    // The fold followed the computation, laying checkpoints (no frame was asked past the start).
    expect(h.folder.checkpointCount).toBeGreaterThan(1);
    // Done: the fold's look-ahead state is dropped; frames anywhere are still exact.
    expect((h.folder as unknown as { scout: unknown }).scout).toBeNull();
    const all = ask(host, 'events', { from: 0, to: 5000 }).events;
    expect(ask(host, 'frame', { target: { type: 'cursor', cursor: 4321 }, detail: 'auto' }).frame).toEqual(
      frameOf(foldTo(all, 4321, foldRunOf(h.timeline.config)), { detail: 'auto', last: all[4320]! }),
    );
  });
});
