/**
 * Runtime check of incoming requests: the worker trusts nothing it did not check. Structure and
 * numbers only; the scenario itself is validated by its own schema in the host.
 */
import { protocolError, type ProtocolError } from './errors.ts';
import type { SimId, ToWorker, ToWorkerType } from './messages.ts';

export type Parsed =
  | { readonly ok: true; readonly value: ToWorker }
  | { readonly ok: false; readonly id: number | null; readonly sim: SimId | null; readonly error: ProtocolError };

const TYPES: ReadonlySet<string> = new Set<ToWorkerType>(['load', 'frame', 'events', 'landmarks', 'history', 'intervene', 'extend', 'dispose']);
const ACTIONS: ReadonlySet<string> = new Set(['memslot-delete', 'bump-generation', 'shrink', 'pause-vcpu', 'resume-vcpu', 'set-workload']);

type Rec = Record<string, unknown>;
const isRec = (x: unknown): x is Rec => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function targetProblem(t: unknown, nullable: boolean): string | null {
  if (t === null && nullable) return null;
  if (!isRec(t)) return 'target must be { type: "cursor", cursor } or { type: "time", tNs }';
  if (t.type === 'cursor') return isNat(t.cursor) ? null : 'target.cursor must be a whole number >= 0';
  if (t.type === 'time') return isNum(t.tNs) ? null : 'target.tNs must be a number';
  return 'target.type must be cursor or time';
}

function actionProblem(a: unknown): string | null {
  if (!isRec(a) || typeof a.type !== 'string' || !ACTIONS.has(a.type)) return `action.type must be one of ${[...ACTIONS].join(', ')}`;
  if ('vcpu' in a && !isNat(a.vcpu)) return 'action.vcpu must be a whole number >= 0';
  if (a.type === 'shrink' && !(isNat(a.calls) && a.calls >= 1)) return 'action.calls must be a whole number >= 1';
  if (a.type === 'set-workload' && !isRec(a.workload)) return 'action.workload must be an object';
  return null;
}

const detailProblem = (d: unknown) => (d === 'auto' || d === 'aggregate' ? null : 'detail must be auto or aggregate');
const rangeProblem = (r: unknown) => (r === undefined || (isRec(r) && isNat(r.from) && isNat(r.to)) ? null : 'events must be { from, to } with whole numbers >= 0');

function fieldProblem(m: Rec): string | null {
  switch (m.type as ToWorkerType) {
    case 'load':
      if (!isRec(m.scenario)) return 'scenario must be an object';
      if (!Array.isArray(m.interventions)) return 'interventions must be an array';
      for (const x of m.interventions) {
        if (!isRec(x) || !isNat(x.atEvent)) return 'interventions[].atEvent must be a whole number >= 0';
        const p = actionProblem(x.action);
        if (p) return `interventions[]: ${p}`;
      }
      if (m.startAfterSetup !== undefined && typeof m.startAfterSetup !== 'boolean') return 'startAfterSetup must be a boolean';
      return targetProblem(m.target, true) ?? (isNat(m.maxEvents) ? null : 'maxEvents must be a whole number >= 0') ?? detailProblem(m.detail);
    case 'frame':
      return targetProblem(m.target, false) ?? detailProblem(m.detail) ?? rangeProblem(m.events);
    case 'events':
      return isNat(m.from) && isNat(m.to) ? null : 'from and to must be whole numbers >= 0';
    case 'landmarks':
      return isNat(m.from) ? null : 'from must be a whole number >= 0';
    case 'history':
      return isNat(m.page) && isNat(m.to) && isNat(m.limit) ? null : 'page, to and limit must be whole numbers >= 0';
    case 'intervene':
      return (isNat(m.cursor) ? null : 'cursor must be a whole number >= 0') ?? actionProblem(m.action) ?? detailProblem(m.detail);
    case 'extend':
      if (!isNat(m.maxEvents)) return 'maxEvents must be a whole number >= 0';
      if (m.budgetMs !== null && !(isNum(m.budgetMs) && m.budgetMs >= 0)) return 'budgetMs must be null or a number >= 0';
      if (m.landmarksFrom !== undefined && !isNat(m.landmarksFrom)) return 'landmarksFrom must be a whole number >= 0';
      return targetProblem(m.until, true);
    case 'dispose':
      return null;
  }
}

/** Check that `raw` is a well-formed request. */
export function parseToWorker(raw: unknown): Parsed {
  const id = isRec(raw) && isNat(raw.id) ? raw.id : null;
  const sim = isRec(raw) && typeof raw.sim === 'string' && raw.sim !== '' ? (raw.sim as SimId) : null;
  const fail = (message: string): Parsed => ({ ok: false, id, sim, error: protocolError('E_WORKER_BAD_REQUEST', message) });
  if (!isRec(raw)) return fail('A request must be an object.');
  if (typeof raw.type !== 'string' || !TYPES.has(raw.type)) return fail(`Unknown request type ${JSON.stringify(raw.type)}.`);
  if (id === null) return fail('A request needs a whole-number id.');
  if (sim === null) return fail('A request needs a sim id.');
  const problem = fieldProblem(raw);
  if (problem) return fail(`Bad ${raw.type} request: ${problem}.`);
  return { ok: true, value: raw as unknown as ToWorker };
}
