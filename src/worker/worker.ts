/**
 * The Web Worker entry: every message goes to the platform-free host, every reply goes back with
 * its transferable buffers. The host never throws; this file guards against what it cannot.
 */
import { protocolError } from '../protocol/errors.ts';
import { transferablesOf, type FromWorker } from '../protocol/messages.ts';
import { SimHost } from './host.ts';

declare const self: DedicatedWorkerGlobalScope;

const host = new SimHost({ now: () => performance.now() });

function reply(msg: FromWorker): void {
  self.postMessage(msg, transferablesOf(msg));
}

self.addEventListener('message', (ev: MessageEvent<unknown>) => {
  let out: FromWorker;
  try {
    out = host.handle(ev.data);
  } catch (e) {
    out = {
      type: 'error',
      id: null,
      sim: null,
      error: protocolError('E_WORKER_INTERNAL', `The simulation worker failed: ${e instanceof Error ? e.message : String(e)}`),
    };
  }
  try {
    reply(out);
  } catch (e) {
    // A reply that cannot be cloned: answer the request with an error instead of going silent.
    const id = 'id' in out ? out.id : null;
    reply({
      type: 'error',
      id,
      sim: out.sim,
      error: protocolError('E_WORKER_INTERNAL', `A reply could not be posted: ${e instanceof Error ? e.message : String(e)}`),
    });
  }
});

self.addEventListener('messageerror', () => {
  reply({
    type: 'error',
    id: null,
    sim: null,
    error: protocolError('E_WORKER_MESSAGE', 'The worker received a message it could not read.'),
  });
});
