/** The app's transport: a module Web Worker running src/worker/worker.ts (bundled by Vite). */
import { protocolError } from '../protocol/errors.ts';
import type { FromWorker, ToWorker } from '../protocol/messages.ts';
import type { Transport, TransportHandlers } from './transport.ts';

export class WorkerTransport implements Transport {
  private readonly worker: Worker;
  private handlers: TransportHandlers | null = null;

  constructor(worker?: Worker) {
    this.worker = worker ?? new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'fastzap-sim' });
    this.worker.addEventListener('message', (ev: MessageEvent<FromWorker>) => this.handlers?.message(ev.data));
    this.worker.addEventListener('error', (ev: ErrorEvent) => {
      ev.preventDefault();
      const where = ev.filename ? ` (${ev.filename}:${ev.lineno})` : '';
      this.handlers?.fault(protocolError('E_WORKER_CRASHED', `The simulation worker stopped: ${ev.message || 'unknown error'}${where}.`));
    });
    this.worker.addEventListener('messageerror', () => {
      this.handlers?.fault(protocolError('E_WORKER_MESSAGE', 'A message from the simulation worker could not be read.'));
    });
  }

  post(msg: ToWorker): void {
    // Requests carry no buffers; replies may (see transferablesOf).
    this.worker.postMessage(msg);
  }

  listen(handlers: TransportHandlers): () => void {
    this.handlers = handlers;
    return () => {
      if (this.handlers === handlers) this.handlers = null;
    };
  }

  close(): void {
    this.handlers = null;
    this.worker.terminate();
  }
}
