/**
 * The watched worker, end to end in the store: the worker is killed in each way a real one dies —
 * an `error` event, a death without one (closed, terminated), a hang — and the store shows a
 * resettable error; Reset starts a new worker and reopens the last good moment (scenario,
 * interventions, cursor). Also: Stop computing leaves the run usable where it got.
 */
import { describe, expect, it } from 'vitest';
import { SimClient } from '../client/client.ts';
import { InProcessTransport } from '../client/inProcess.ts';
import { ManualClock } from '../client/manualClock.testkit.ts';
import { REQUEST_TIMEOUT_MS } from '../client/watchdog.ts';
import { MAIN_SIM } from '../protocol/messages.ts';
import { createFastZapStore } from './store.ts';
import { ManualFrames, presetScenario, quiet, settle, until } from './testkit.ts';

const HEARTBEAT_MS = 2000;

function setup(autoCompute = false) {
  const clock = new ManualClock();
  const transports: InProcessTransport[] = [];
  const store = createFastZapStore({
    createClient: () => {
      const t = new InProcessTransport();
      transports.push(t);
      return new SimClient(t, { clock, heartbeatMs: HEARTBEAT_MS });
    },
    scheduler: new ManualFrames(),
    tuning: { autoCompute },
  });
  const a = () => store.getState().actions;
  const main = () => store.getState().sims[MAIN_SIM]!;
  return { store, a, main, clock, transports };
}

type Kill = (s: ReturnType<typeof setup>) => Promise<void>;

/** Each way to kill the worker, and what the user is told. */
const KILLS: readonly [string, string, Kill][] = [
  [
    'an error event',
    'E_WORKER_CRASHED',
    async ({ transports }) => {
      transports.at(-1)!.crash('out of memory');
      await settle();
    },
  ],
  [
    'a death without an error event, found by the heartbeat',
    'E_WORKER_SILENT',
    async ({ transports, clock }) => {
      transports.at(-1)!.die();
      clock.advance(HEARTBEAT_MS);
      clock.advance(REQUEST_TIMEOUT_MS.ping);
      await settle();
    },
  ],
  [
    'a hang while answering a step',
    'E_WORKER_TIMEOUT',
    async ({ transports, clock, a }) => {
      transports.at(-1)!.hang();
      const step = a().stepForward();
      await settle();
      // The step computes one more event first (an extend), then asks for its frame.
      clock.advance(REQUEST_TIMEOUT_MS.extend);
      await step;
    },
  ],
];

describe('the watched worker (store)', () => {
  it.each(KILLS)('%s: the store offers Reset, which reopens the last good moment', async (_, code, kill) => {
    const s = setup();
    const { store, a, main, transports } = s;
    await a().loadScenario(presetScenario('classroom'));
    await a().seek(60);
    await a().intervene({ type: 'shrink', calls: 2 });
    await quiet(store);
    const moment = { cursor: main().frame!.cursor, interventions: main().meta!.interventions, scenario: main().scenario };
    expect(moment.interventions).toHaveLength(1);

    await kill(s);
    expect(store.getState().ui.error).toMatchObject({ code, resettable: true });
    expect(store.getState().playback.playing).toBe(false);

    await a().reset();
    await quiet(store);
    expect(transports).toHaveLength(2);
    expect(store.getState().ui.error).toBeNull();
    expect(main().status).toBe('ready');
    expect(main().scenario).toBe(moment.scenario);
    expect(main().meta!.interventions).toEqual(moment.interventions);
    const want = moment.cursor;
    expect(main().frame!.cursor).toBe(want);
    expect(store.getState().playback.cursor).toBe(want);
    // The new worker works.
    await a().stepForward();
    expect(main().frame!.cursor).toBe(want + 1);
    a().destroy();
  });

  it('a worker that dies during a load is reset to what that load asked for', async () => {
    const s = setup();
    const { store, a, main, transports } = s;
    await a().loadScenario(presetScenario('classroom'));
    transports[0]!.die();
    const sc = presetScenario('root-in-use');
    const iv = [{ atEvent: 80, action: { type: 'shrink', calls: 1 } as const }];
    const loading = a().loadScenario(sc, { interventions: iv, cursor: 120 });
    await settle();
    s.clock.advance(REQUEST_TIMEOUT_MS.load);
    await loading;
    expect(store.getState().ui.error?.code).toBe('E_WORKER_TIMEOUT');
    await a().reset();
    await quiet(store);
    expect(main().scenario).toBe(sc);
    expect(main().meta!.interventions).toEqual(iv);
    expect(main().frame!.cursor).toBe(120);
    a().destroy();
  });

  it('Stop computing stops the compute-ahead; the run stays usable up to where it got; Continue resumes', async () => {
    const { store, a, main } = setup(true);
    await a().loadScenario(presetScenario('shrinker-first'));
    await until(store, (st) => (st.sims[MAIN_SIM]?.progress?.events ?? 0) > 0);
    a().stopComputing();
    await quiet(store);
    expect(main().computeStopped).toBe(true);
    expect(main().computing).toBe(false);
    const got = main().progress!;
    expect(got.done).toBe(false);
    // Nothing more is computed: a step past the end stays at the end, a seek within works.
    await a().seek(got.events);
    await a().stepForward();
    await quiet(store);
    expect(main().progress!.events).toBe(got.events);
    expect(main().frame!.cursor).toBe(got.events);
    await a().seek(10);
    expect(main().frame!.cursor).toBe(10);
    a().continueComputing();
    await until(store, (st) => st.sims[MAIN_SIM]?.progress?.done === true);
    expect(main().computeStopped).toBe(false);
    a().destroy();
  });
});
