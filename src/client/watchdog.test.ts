/**
 * The watched worker, at the client: each way a worker dies (an `error` event, a silent death,
 * a hang) is noticed, everything pending is rejected with a code, and the worker is stopped.
 * Time is a manual clock; the transports are the in-process host (which can die or hang on
 * purpose) and a transport answered by hand.
 */
import { describe, expect, it } from 'vitest';
import { MAIN_SIM, type FromWorker, type ToWorker } from '../protocol/messages.ts';
import type { ProtocolError } from '../protocol/errors.ts';
import { PRESETS, validateScenario } from '../scenario/index.ts';
import { SimClient, SimClientError } from './client.ts';
import { InProcessTransport } from './inProcess.ts';
import { Listener, type Transport, type TransportHandlers } from './transport.ts';
import { ManualClock } from './manualClock.testkit.ts';
import { REQUEST_TIMEOUT_MS } from './watchdog.ts';

/** A transport whose requests the test answers by hand. */
class HandTransport implements Transport {
  readonly posted: ToWorker[] = [];
  closed = false;
  private readonly listener = new Listener();
  post(msg: ToWorker): void {
    this.posted.push(msg);
  }
  listen(h: TransportHandlers): () => void {
    return this.listener.listen(h);
  }
  close(): void {
    this.closed = true;
  }
  answer(msg: FromWorker): void {
    this.listener.message(msg);
  }
}

const settle = async () => {
  for (let k = 0; k < 20; k++) await new Promise((r) => setTimeout(r, 0));
};

const classroom = (() => {
  const r = validateScenario(PRESETS[0]!.scenario);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
})();

/** A client over the in-process host, with the heartbeat on and a manual clock. */
async function loaded() {
  const clock = new ManualClock();
  const transport = new InProcessTransport();
  const client = new SimClient(transport, { clock, heartbeatMs: 2000 });
  const faults: ProtocolError[] = [];
  client.onFault((e) => faults.push(e));
  await client.load(MAIN_SIM, classroom);
  return { clock, transport, client, faults };
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof SimClientError ? e.code : String(e)),
  );

describe('the watched worker (client side)', () => {
  it('an error event: everything pending fails with E_WORKER_CRASHED and the watch stops', async () => {
    const { clock, transport, client, faults } = await loaded();
    const pending = codeOf(client.frame(MAIN_SIM, { type: 'cursor', cursor: 50 }));
    transport.crash('out of memory');
    expect(await pending).toBe('E_WORKER_CRASHED');
    expect(faults.map((f) => f.code)).toEqual(['E_WORKER_CRASHED']);
    expect(clock.pending).toBe(0);
  });

  it('a silent death while idle: the heartbeat gets no pong and the client faults with E_WORKER_SILENT', async () => {
    const { clock, transport, client, faults } = await loaded();
    // Alive: a heartbeat is answered, and another is due after the next idle spell.
    clock.advance(2000);
    await settle();
    expect(faults).toEqual([]);
    expect(clock.pending).toBe(1);
    transport.die(); // terminated, no error event
    clock.advance(2000); // ping
    clock.advance(REQUEST_TIMEOUT_MS.ping);
    expect(faults.map((f) => f.code)).toEqual(['E_WORKER_SILENT']);
    expect(faults[0]!.message).toMatch(/stopped answering/);
    expect(client.failed?.code).toBe('E_WORKER_SILENT');
    expect(await codeOf(client.events(MAIN_SIM, 0, 10))).toBe('E_WORKER_SILENT');
  });

  it('a hang during a request: it times out with E_WORKER_TIMEOUT naming the request, and the worker is stopped', async () => {
    const clock = new ManualClock();
    const transport = new HandTransport();
    const client = new SimClient(transport, { clock });
    const frame = codeOf(client.frame(MAIN_SIM, { type: 'cursor', cursor: 1 }));
    clock.advance(REQUEST_TIMEOUT_MS.frame - 1);
    expect(client.failed).toBeNull();
    clock.advance(1);
    expect(await frame).toBe('E_WORKER_TIMEOUT');
    expect(client.failed?.message).toMatch(/frame request/);
    expect(transport.closed).toBe(true);
  });

  it("a request's time starts when the worker can start it: a frame queued behind a long load is not timed out by it", async () => {
    const clock = new ManualClock();
    const transport = new HandTransport();
    const client = new SimClient(transport, { clock });
    const load = client.load(MAIN_SIM, classroom);
    const frame = codeOf(client.frame(MAIN_SIM, { type: 'cursor', cursor: 1 }));
    clock.advance(REQUEST_TIMEOUT_MS.load - 1000); // a long load, within its time
    const [l] = transport.posted;
    transport.answer({ type: 'error', id: l!.id, sim: MAIN_SIM, error: { code: 'E_SCHEMA', message: 'x', issues: [] } });
    await expect(load).rejects.toMatchObject({ code: 'E_SCHEMA' });
    clock.advance(REQUEST_TIMEOUT_MS.frame - 1); // the frame, now first in line, within its own time
    expect(client.failed).toBeNull();
    clock.advance(1);
    expect(await frame).toBe('E_WORKER_TIMEOUT');
  });

  it('a hang of the in-process host is noticed the same way, and no heartbeat is sent while a request waits', async () => {
    const { clock, transport, client, faults } = await loaded();
    transport.hang();
    const extend = codeOf(client.extend(MAIN_SIM, { budgetMs: 40 }));
    clock.advance(REQUEST_TIMEOUT_MS.extend);
    expect(await extend).toBe('E_WORKER_TIMEOUT');
    expect(faults.map((f) => f.code)).toEqual(['E_WORKER_TIMEOUT']);
    expect(clock.pending).toBe(0);
  });

  it('without a heartbeat (a bare client), an idle client sets no timer', async () => {
    const clock = new ManualClock();
    const client = new SimClient(new InProcessTransport(), { clock });
    await client.load(MAIN_SIM, classroom);
    expect(clock.pending).toBe(0);
    client.close();
  });
});
