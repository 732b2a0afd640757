/**
 * Error codes of the worker protocol, in one catalog beside the scenario's (scenario/errors.ts):
 * tests and the UI match codes, never prose.
 */
import type { ErrorCode } from '../scenario/errors.ts';

export const WORKER_ERRORS = {
  E_WORKER_BAD_REQUEST: 'E_WORKER_BAD_REQUEST', // a message that is not a ToWorker, or bad fields
  E_WORKER_UNKNOWN_SIM: 'E_WORKER_UNKNOWN_SIM', // no simulation loaded under that sim id
  E_WORKER_RANGE: 'E_WORKER_RANGE', // a cursor, window or limit out of range
  E_WORKER_INTERNAL: 'E_WORKER_INTERNAL', // an exception inside the worker (a bug)
  E_WORKER_CRASHED: 'E_WORKER_CRASHED', // the worker died ('error' event); raised by the client
  E_WORKER_MESSAGE: 'E_WORKER_MESSAGE', // a message could not be deserialised ('messageerror')
  E_WORKER_CLOSED: 'E_WORKER_CLOSED', // the client was closed with requests pending
  E_WORKER_SUPERSEDED: 'E_WORKER_SUPERSEDED', // the sim was reloaded or disposed before the answer
  E_WORKER_TIMEOUT: 'E_WORKER_TIMEOUT', // a request got no answer in its time (a hung or dead worker); raised by the client
  E_WORKER_SILENT: 'E_WORKER_SILENT', // the heartbeat got no answer (a worker that died without an 'error'); raised by the client
} as const;
type WorkerErrorCode = keyof typeof WORKER_ERRORS;

/** Every code a protocol error may carry. */
export type ProtocolErrorCode = WorkerErrorCode | ErrorCode;

/** An error as posted across threads: a code, a message for a person, and details. */
export interface ProtocolError {
  readonly code: ProtocolErrorCode;
  readonly message: string;
  /** Individual problems (a scenario's field errors), possibly empty. */
  readonly issues: readonly string[];
}

/** Build a ProtocolError. */
export function protocolError(code: ProtocolErrorCode, message: string, issues: readonly string[] = []): ProtocolError {
  return { code, message, issues };
}
