import { describe, expect, it } from 'vitest';
import { PRESETS, validateScenario, type Scenario } from '../scenario/index.ts';
import { Timeline } from '../sim/index.ts';
import { toConfig } from '../scenario/index.ts';
import { Folder } from '../trace/fold.ts';
import type { Frame } from '../trace/frame.ts';
import { foldRunOf } from '../trace/names.ts';
import { WORKER_ERRORS } from './errors.ts';
import { parseToWorker } from './guard.ts';
import {
  MAIN_SIM,
  REPLY_TYPE,
  simId,
  transferablesOf,
  type FromWorker,
  type FromWorkerType,
  type ToWorker,
  type ToWorkerType,
} from './messages.ts';

const v = validateScenario(PRESETS[0]!.scenario);
if (!v.ok) throw new Error('preset invalid');
const scenario: Scenario = v.value;
const tl = new Timeline(toConfig(scenario));
tl.extendTo(600);
const folder = new Folder(tl.log, foldRunOf(toConfig(scenario)));
const frame: Frame = folder.frameAt(500);
const aggregated: Frame = folder.frameAt(500, 'aggregate');
const sim = MAIN_SIM;

/** One request of every type (a missing type fails to compile). */
const requests: Record<ToWorkerType, ToWorker> = {
  load: {
    type: 'load',
    id: 1,
    sim,
    scenario,
    interventions: [{ atEvent: 40, action: { type: 'pause-vcpu', vcpu: 1 } }],
    target: { type: 'cursor', cursor: 10 },
    maxEvents: 1000,
    detail: 'auto',
  },
  frame: { type: 'frame', id: 2, sim, target: { type: 'time', tNs: 12_345 }, detail: 'aggregate' },
  events: { type: 'events', id: 3, sim, from: 0, to: 100 },
  landmarks: { type: 'landmarks', id: 4, sim, from: 0 },
  history: { type: 'history', id: 5, sim, page: 3, to: 500, limit: 50 },
  intervene: { type: 'intervene', id: 6, sim: simId('b'), cursor: 300, action: { type: 'shrink', calls: 2 }, detail: 'auto' },
  extend: { type: 'extend', id: 7, sim, maxEvents: 5000, budgetMs: 40, until: null },
  dispose: { type: 'dispose', id: 8, sim },
  ping: { type: 'ping', id: 10, sim },
};

const replies: Record<FromWorkerType, FromWorker> = {
  loaded: {
    type: 'loaded',
    id: 1,
    sim,
    meta: { name: 'classroom', strategy: 'fast-3.11', vcpus: 2, durationNs: 3_000_000, interventions: [], setupEvents: 37 },
    progress: { events: 600, tNs: 4000, reachedNs: 4100, done: false, durationNs: 3_000_000, cut: null },
    frame,
  },
  frame: {
    type: 'frame',
    id: 2,
    sim,
    frame: aggregated,
    progress: { events: 600, tNs: 4000, reachedNs: 4100, done: false, durationNs: 3_000_000, cut: null },
  },
  events: { type: 'events', id: 3, sim, from: 0, events: tl.log.slice(0, 100) },
  landmarks: { type: 'landmarks', id: 4, sim, from: 0, scanned: 600, landmarks: [{ i: 41, tNs: 300_000, type: 'gen.bumped' }] },
  history: { type: 'history', id: 5, sim, page: 3, events: tl.log.slice(2, 4) },
  intervened: {
    type: 'intervened',
    id: 6,
    sim,
    at: 300,
    cursor: 301,
    meta: {
      name: 'x',
      strategy: 'zap-all',
      vcpus: 2,
      durationNs: 1,
      interventions: [{ atEvent: 300, action: { type: 'shrink', calls: 2 } }],
      setupEvents: 0,
    },
    progress: { events: 301, tNs: 9, reachedNs: 1, done: true, durationNs: 1, cut: null },
    frame,
  },
  extended: {
    type: 'extended',
    id: 7,
    sim,
    progress: {
      events: 5600,
      tNs: 40_000,
      reachedNs: 41_000,
      done: true,
      durationNs: 3_000_000,
      cut: { reason: 'events', atNs: 41_000, events: 5600, bytes: 180_000 },
    },
  },
  disposed: { type: 'disposed', id: 8, sim },
  pong: { type: 'pong', id: 10, sim },
  error: { type: 'error', id: 9, sim: null, error: { code: 'E_SCHEMA', message: 'The scenario is not valid: x', issues: ['x'] } },
};

describe('protocol messages', () => {
  it('survive structured cloning unchanged (requests and replies)', () => {
    for (const m of Object.values(requests)) expect(structuredClone(m)).toEqual(m);
    for (const m of Object.values(replies)) expect(structuredClone(m)).toEqual(m);
  });

  it('every request passes the guard, and its reply type is declared', () => {
    for (const [type, m] of Object.entries(requests)) {
      const p = parseToWorker(structuredClone(m));
      expect(p.ok).toBe(true);
      expect(replies[REPLY_TYPE[type as ToWorkerType]].type).toBe(REPLY_TYPE[type as ToWorkerType]);
    }
  });

  it('the guard refuses malformed requests with E_WORKER_BAD_REQUEST, keeping id and sim when it can', () => {
    const bad: unknown[] = [
      null,
      42,
      { type: 'launch', id: 1, sim: 'main' },
      { type: 'frame', sim: 'main', target: { type: 'cursor', cursor: 1 }, detail: 'auto' },
      { type: 'frame', id: 1, target: { type: 'cursor', cursor: 1 }, detail: 'auto' },
      { ...requests.frame, target: { type: 'cursor', cursor: -1 } },
      { ...requests.frame, target: { type: 'time', tNs: Number.NaN } },
      { ...requests.frame, detail: 'full' },
      { ...requests.events, to: 1.5 },
      { ...requests.intervene, action: { type: 'reboot' } },
      { ...requests.intervene, action: { type: 'pause-vcpu', vcpu: -2 } },
      { ...requests.load, scenario: 'classroom' },
      { ...requests.load, interventions: [{ atEvent: 'soon', action: { type: 'memslot-delete' } }] },
      { ...requests.extend, budgetMs: -5 },
    ];
    for (const m of bad) {
      const p = parseToWorker(m);
      expect(p.ok).toBe(false);
      if (!p.ok) {
        expect(p.error.code).toBe(WORKER_ERRORS.E_WORKER_BAD_REQUEST);
        expect(p.error.message.length).toBeGreaterThan(10);
      }
    }
    const p = parseToWorker({ ...requests.frame, id: 77, detail: 'x' });
    expect(p.ok ? null : [p.id, p.sim]).toEqual([77, 'main']);
  });

  it('says which field is wrong and what it must be', () => {
    const cases: [unknown, string][] = [
      [[], 'A request must be an object.'],
      [{ type: 'toString', id: 1, sim: 'main' }, 'Unknown request type "toString".'],
      [{ ...requests.dispose, sim: '' }, 'A request needs a sim id.'],
      [{ ...requests.frame, target: { type: 'cursor', cursor: -1 } }, 'Bad frame request: target.cursor must be a whole number >= 0.'],
      [
        { ...requests.frame, target: { type: 'x' } },
        'Bad frame request: target must be { type: "cursor", cursor } or { type: "time", tNs }.',
      ],
      [{ ...requests.intervene, action: { type: 'shrink', calls: 0 } }, 'Bad intervene request: action.calls must be a whole number >= 1.'],
      [
        { ...requests.intervene, action: { type: 'set-workload', vcpu: 0, workload: 3 } },
        'Bad intervene request: action.workload must be an object.',
      ],
      [
        { ...requests.load, interventions: [{ atEvent: 'soon', action: { type: 'memslot-delete' } }] },
        'Bad load request: interventions[0].atEvent must be a whole number >= 0.',
      ],
      [{ ...requests.extend, budgetMs: -5 }, 'Bad extend request: budgetMs must be null or a number >= 0.'],
    ];
    for (const [m, message] of cases) {
      const p = parseToWorker(m);
      expect(p.ok ? 'accepted' : p.error.message).toBe(message);
    }
  });

  it('hands an accepted request on as it came, unknown fields included', () => {
    const m = { ...requests.frame, extra: { kept: true } };
    const p = parseToWorker(m);
    expect(p.ok && p.value).toBe(m);
  });

  it('aggregated frames carry a byte strip that is transferred, not copied', () => {
    expect(frame.activeStates).toBeNull();
    expect(transferablesOf(replies.loaded)).toEqual([]);
    expect(aggregated.pages).toBeNull();
    expect(aggregated.activeStates).toBeInstanceOf(Uint8Array);
    const bufs = transferablesOf(replies.frame);
    expect(bufs).toHaveLength(1);
    expect(bufs[0]).toBe(aggregated.activeStates!.buffer);
    expect(transferablesOf(replies.events)).toEqual([]);
  });

  it('checks the optional fields: startAfterSetup, a frame events range, extend landmarksFrom', () => {
    const good: ToWorker[] = [
      { ...requests.load, target: null, startAfterSetup: true } as ToWorker,
      { type: 'frame', id: 2, sim, target: { type: 'cursor', cursor: 5 }, detail: 'auto', events: { from: 0, to: 200 } },
      { type: 'extend', id: 7, sim, maxEvents: 5000, budgetMs: 8, until: null, landmarksFrom: 120 },
    ];
    for (const m of good) expect(parseToWorker(structuredClone(m)).ok).toBe(true);
    const bad: unknown[] = [
      { ...requests.load, startAfterSetup: 'yes' },
      { ...requests.frame, events: { from: -1, to: 5 } },
      { ...requests.frame, events: [0, 5] },
      { ...requests.extend, landmarksFrom: 1.5 },
    ];
    for (const m of bad) {
      const p = parseToWorker(m);
      expect(p.ok).toBe(false);
      if (!p.ok) expect(p.error.code).toBe(WORKER_ERRORS.E_WORKER_BAD_REQUEST);
    }
  });
});
