/**
 * A transport that runs the host in the same thread (unit tests; a fallback where Workers are
 * unavailable). Replies arrive asynchronously and are structured-cloned both ways, as over a
 * real worker, so what passes here also passes postMessage.
 */
import { protocolError } from '../protocol/errors.ts';
import type { FromWorker, ToWorker } from '../protocol/messages.ts';
import { SimHost, type HostOptions } from '../worker/host.ts';
import { Listener, type Transport, type TransportHandlers } from './transport.ts';

export interface InProcessOptions extends HostOptions {
  /** Structured-clone messages (default true). */
  readonly clone?: boolean;
}

export class InProcessTransport implements Transport {
  /** The host, exposed for tests (e.g. to break it on purpose). */
  readonly host: SimHost;
  private readonly listener = new Listener();
  private readonly clone: boolean;
  private closed = false;
  /** Requests are taken and never answered (a worker stuck in a loop, or gone without a word). */
  private mute = false;

  constructor(opts: InProcessOptions = {}) {
    this.host = new SimHost(opts);
    this.clone = opts.clone ?? true;
  }

  post(msg: ToWorker): void {
    if (this.closed) throw new Error('the in-process host is closed');
    const req = this.clone ? structuredClone(msg) : msg;
    // Like a worker: the reply comes later, never inside post().
    setTimeout(() => {
      if (this.closed || this.mute) return;
      let out: FromWorker;
      try {
        out = this.host.handle(req);
        if (this.clone) out = structuredClone(out);
      } catch (e) {
        this.listener.fault(protocolError('E_WORKER_CRASHED', `The in-process host failed: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      this.listener.message(out);
    }, 0);
  }

  /** Simulate a crash of the host (as a Worker 'error' event would report it). */
  crash(message = 'simulated crash'): void {
    this.listener.fault(protocolError('E_WORKER_CRASHED', `The simulation worker stopped: ${message}.`));
    this.closed = true;
  }

  /** Simulate a worker that dies without an 'error' event (closed, terminated): it goes silent. */
  die(): void {
    this.mute = true;
  }

  /** Simulate a worker stuck in a loop: it takes requests and answers none. */
  hang(): void {
    this.mute = true;
  }

  listen(handlers: TransportHandlers): () => void {
    return this.listener.listen(handlers);
  }

  close(): void {
    this.closed = true;
    this.listener.clear();
  }
}
