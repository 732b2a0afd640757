/** The app's transport: a module Web Worker running src/worker/worker.ts (bundled by Vite). */
import { protocolError } from '../protocol/errors.ts';
import type { FromWorker, ToWorker } from '../protocol/messages.ts';
import { Listener, type Transport, type TransportHandlers } from './transport.ts';

export class WorkerTransport implements Transport {
  private readonly worker: Worker;
  private readonly listener = new Listener();

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
    this.worker.postMessage(msg);
  }

  listen(handlers: TransportHandlers): () => void {
    return this.listener.listen(handlers);
  }

  close(): void {
    this.listener.clear();
    this.worker.terminate();
  }
}
