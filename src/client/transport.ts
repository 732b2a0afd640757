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
