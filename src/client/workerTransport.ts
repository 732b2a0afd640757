/** The app's transport: a module Web Worker running src/worker/worker.ts (bundled by Vite). */
import { protocolError } from '../protocol/errors.ts';
import type { FromWorker, ToWorker } from '../protocol/messages.ts';
import { Listener, type Transport, type TransportHandlers } from './transport.ts';

/** Ways to kill the worker on purpose (the end-to-end tests' hook, see index.ts). */
export type KillMode = 'error' | 'silent' | 'hang';

export class WorkerTransport implements Transport {
  private readonly worker: Worker;
  private readonly listener = new Listener();
  private hung = false;

  constructor(worker?: Worker) {
    this.worker = worker ?? new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'fastzap-sim' });
    this.worker.addEventListener('message', (ev: MessageEvent<FromWorker>) => this.listener.message(ev.data));
    this.worker.addEventListener('error', (ev: ErrorEvent) => {
      ev.preventDefault();
      const where = ev.filename ? ` (${ev.filename}:${ev.lineno})` : '';
      this.listener.fault(protocolError('E_WORKER_CRASHED', `The simulation worker stopped: ${ev.message || 'unknown error'}${where}.`));
    });
    this.worker.addEventListener('messageerror', () => {
      this.listener.fault(protocolError('E_WORKER_MESSAGE', 'A message from the simulation worker could not be read.'));
    });
  }

  post(msg: ToWorker): void {
    // Requests carry no buffers; replies may (see transferablesOf).
    if (!this.hung) this.worker.postMessage(msg);
  }

  /**
   * Kill the worker as a test would: `error` as an uncaught exception reports it (an `error`
   * event, then gone); `silent`, terminated with no event at all; `hang`, alive but answering
   * nothing from now on, as a worker stuck in a loop.
   */
  kill(mode: KillMode): void {
    if (mode === 'hang') {
      this.hung = true;
      return;
    }
    this.worker.terminate();
    if (mode === 'error') this.worker.dispatchEvent(new ErrorEvent('error', { message: 'killed by a test' }));
  }

  listen(handlers: TransportHandlers): () => void {
    return this.listener.listen(handlers);
  }

  close(): void {
    this.listener.clear();
    this.worker.terminate();
  }
}
