/**
 * A transport carries protocol messages to a simulation host and back. Two exist: the Web Worker
 * (workerTransport.ts, the app) and in-process (inProcess.ts, unit tests and a fallback).
 */
import type { ProtocolError } from '../protocol/errors.ts';
import type { FromWorker, ToWorker } from '../protocol/messages.ts';

export interface TransportHandlers {
  /** A reply from the host. */
  readonly message: (msg: FromWorker) => void;
  /** The host died or a message could not be read: every pending request is lost. */
  readonly fault: (error: ProtocolError) => void;
}

export interface Transport {
  /** Post one request; replies arrive through the handlers given to `listen`. */
  post(msg: ToWorker): void;
  /** Register the handlers (one listener per transport); returns the unsubscribe function. */
  listen(handlers: TransportHandlers): () => void;
  /** Stop the host (terminate the worker). */
  close(): void;
}

/** A transport's one listener: `listen` sets it and returns what clears it (unless another has been set since). */
export class Listener {
  private handlers: TransportHandlers | null = null;

  listen(handlers: TransportHandlers): () => void {
    this.handlers = handlers;
    return () => {
      if (this.handlers === handlers) this.handlers = null;
    };
  }

  /** Hand a reply to the listener, if any. */
  message(msg: FromWorker): void {
    this.handlers?.message(msg);
  }

  /** Report a fault to the listener, if any. */
  fault(error: ProtocolError): void {
    this.handlers?.fault(error);
  }

  clear(): void {
    this.handlers = null;
  }
}
