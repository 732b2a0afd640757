import { describe, expect, it } from 'vitest';
import type { ToWorker } from '../protocol/messages.ts';
import { MAIN_SIM, simId } from '../protocol/messages.ts';
import { PRESETS, validateScenario, type Scenario } from '../scenario/index.ts';
import { SimClient, SimClientError } from './client.ts';
import { InProcessTransport } from './inProcess.ts';
import { WorkerTransport } from './workerTransport.ts';

function scenario(name: string): Scenario {
  const r = validateScenario(PRESETS.find((p) => p.name === name)!.scenario);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function rejection(p: Promise<unknown>): Promise<SimClientError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SimClientError);
    return e as SimClientError;
  }
  throw new Error('expected a rejection');
}

describe('SimClient over the in-process transport', () => {
  it('loads a preset and serves frames; seeking back and forth gives identical frames', async () => {
    const client = new SimClient(new InProcessTransport());
    const loaded = await client.load(MAIN_SIM, scenario('classroom'));
    expect(loaded.frame.cursor).toBe(0);
    let progress = loaded.progress;
    while (!progress.done) progress = await client.extend(MAIN_SIM, { maxEvents: 1000 });
    const cursors = [2500, 40, 1200, 2500, 1199, 40, 1200];
    const frames = new Map<number, unknown>();
    for (const c of cursors) {
      const r = await client.frame(MAIN_SIM, { type: 'cursor', cursor: c });
      expect(r.frame.cursor).toBe(c);
      if (frames.has(c)) expect(r.frame).toEqual(frames.get(c));
      else frames.set(c, r.frame);
    }
    const events = await client.events(MAIN_SIM, 1190, 1200);
    expect(events.map((e) => e.i)).toEqual([1190, 1191, 1192, 1193, 1194, 1195, 1196, 1197, 1198, 1199]);
    const { landmarks, scanned } = await client.landmarks(MAIN_SIM);
    expect(scanned).toBe(progress.events);
    expect(landmarks.some((l) => l.type === 'gen.bumped')).toBe(true);
    client.close();
  });

  it('intervene forks the future: the past is unchanged, the future differs', async () => {
    const client = new SimClient(new InProcessTransport());
    await client.load(MAIN_SIM, scenario('classroom'), { target: { type: 'cursor', cursor: 1500 } });
    const past = await client.frame(MAIN_SIM, { type: 'cursor', cursor: 100 });
    const oldFuture = await client.frame(MAIN_SIM, { type: 'cursor', cursor: 1400 });
    const r = await client.intervene(MAIN_SIM, 150, { type: 'memslot-delete' });
    expect(r.meta.interventions).toEqual([{ atEvent: r.at, action: { type: 'memslot-delete' } }]);
    expect(r.progress.events).toBe(r.cursor);
    await client.extend(MAIN_SIM, { until: { type: 'cursor', cursor: 1500 } });
    expect((await client.frame(MAIN_SIM, { type: 'cursor', cursor: 100 })).frame).toEqual(past.frame);
    const newFuture = await client.frame(MAIN_SIM, { type: 'cursor', cursor: 1400 });
    expect(newFuture.frame.globalGen).toBeGreaterThan(oldFuture.frame.globalGen);
    client.close();
  });

  it('opens after the setup, sends a frame with its events, extends with landmarks (one round trip each)', async () => {
    const transport = new InProcessTransport();
    const posted: ToWorker[] = [];
    const post = transport.post.bind(transport);
    transport.post = (m) => {
      posted.push(m);
      post(m);
    };
    const client = new SimClient(transport);
    const loaded = await client.load(MAIN_SIM, scenario('classroom'), { startAfterSetup: true });
    expect(loaded.frame.cursor).toBe(loaded.meta.setupEvents);
    const x = await client.extendScanning(MAIN_SIM, 0, { maxEvents: 2000 });
    expect(x.landmarks.from).toBe(0);
    expect(x.landmarks.scanned).toBe(x.progress.events);
    expect(x.landmarks.landmarks).toEqual((await client.landmarks(MAIN_SIM, 0)).landmarks);
    const f = await client.frame(MAIN_SIM, { type: 'cursor', cursor: 500 }, 'auto', { events: { from: 400, to: 600 } });
    expect(f.events?.from).toBe(400);
    expect(f.events?.events).toEqual(await client.events(MAIN_SIM, 400, 600));
    expect(posted.map((m) => m.type)).toEqual(['load', 'extend', 'landmarks', 'frame', 'events']);
    client.close();
  });

  it('rejects with coded errors, and keeps two sims apart', async () => {
    const client = new SimClient(new InProcessTransport());
    expect((await rejection(client.frame(simId('nope'), { type: 'cursor', cursor: 0 }))).code).toBe('E_WORKER_UNKNOWN_SIM');
    const broken = { ...scenario('classroom'), durationNs: 5 };
    const e = await rejection(client.load(MAIN_SIM, broken));
    expect(e.code).toBe('E_SCHEMA');
    expect(e.issues.join()).toContain('durationNs');
    await client.load(simId('left'), scenario('classroom'), { target: { type: 'cursor', cursor: 300 } });
    await client.load(simId('right'), scenario('zap-all-vs-fast'), { target: { type: 'cursor', cursor: 300 } });
    const [l, r] = await Promise.all([
      client.frame(simId('left'), { type: 'cursor', cursor: 300 }),
      client.frame(simId('right'), { type: 'cursor', cursor: 300 }),
    ]);
    expect(l.frame.vcpus).toHaveLength(2);
    expect(r.frame.vcpus).toHaveLength(6);
    client.close();
    expect((await rejection(client.frame(simId('left'), { type: 'cursor', cursor: 1 }))).code).toBe('E_WORKER_CLOSED');
  });

  it('a crash rejects what is pending and everything after, and tells its listeners', async () => {
    const transport = new InProcessTransport();
    const client = new SimClient(transport);
    const faults: string[] = [];
    client.onFault((e) => faults.push(e.code));
    const pending = client.load(MAIN_SIM, scenario('classroom'));
    transport.crash('out of memory');
    const e = await rejection(pending);
    expect(e.code).toBe('E_WORKER_CRASHED');
    expect(e.message).toContain('out of memory');
    expect(faults).toEqual(['E_WORKER_CRASHED']);
    expect(client.failed?.code).toBe('E_WORKER_CRASHED');
    expect((await rejection(client.events(MAIN_SIM, 0, 1))).code).toBe('E_WORKER_CRASHED');
  });
});

/** A stand-in for a Worker: records posts, lets the test fire events. */
class FakeWorker extends EventTarget {
  posted: unknown[] = [];
  terminated = false;
  postMessage(m: unknown): void {
    this.posted.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('WorkerTransport', () => {
  it('posts requests, delivers replies, and turns error / messageerror events into rejections', async () => {
    const fake = new FakeWorker();
    const client = new SimClient(new WorkerTransport(fake as unknown as Worker));
    const p = client.dispose(MAIN_SIM);
    const req = fake.posted[0] as ToWorker;
    expect(req).toMatchObject({ type: 'dispose', sim: 'main' });
    fake.dispatchEvent(new MessageEvent('message', { data: { type: 'disposed', id: req.id, sim: 'main' } }));
    await expect(p).resolves.toBeUndefined();

    // A reply of the wrong type is refused, not trusted.
    const q = client.dispose(MAIN_SIM);
    const req2 = fake.posted[1] as ToWorker;
    fake.dispatchEvent(new MessageEvent('message', { data: { type: 'extended', id: req2.id, sim: 'main', progress: {} } }));
    expect((await rejection(q)).code).toBe('E_WORKER_BAD_REQUEST');

    const pending = client.events(MAIN_SIM, 0, 10);
    const err = new Event('error') as Event & { message: string; filename: string; lineno: number };
    Object.assign(err, { message: 'Uncaught RangeError: Maximum call stack size exceeded', filename: 'worker.js', lineno: 3 });
    fake.dispatchEvent(err);
    const e = await rejection(pending);
    expect(e.code).toBe('E_WORKER_CRASHED');
    expect(e.message).toContain('Maximum call stack');
    client.close();
    expect(fake.terminated).toBe(true);

    const fake2 = new FakeWorker();
    const client2 = new SimClient(new WorkerTransport(fake2 as unknown as Worker));
    const pending2 = client2.landmarks(MAIN_SIM);
    fake2.dispatchEvent(new MessageEvent('messageerror'));
    expect((await rejection(pending2)).code).toBe('E_WORKER_MESSAGE');
  });
});
