/**
 * Runtime check of incoming requests: the worker trusts nothing it did not check. A zod/mini
 * schema per request type; structure and numbers only (the scenario itself is validated by its own
 * schema in the host). Objects are loose, and a request that passes is handed on as it came.
 * What it costs per request is measured by `npm run bench` (cli/benchWorker.ts).
 */
import * as z from 'zod/mini';
import { protocolError, type ProtocolError } from './errors.ts';
import type { SimId, ToWorker, ToWorkerType } from './messages.ts';

export type Parsed =
  | { readonly ok: true; readonly value: ToWorker }
  | { readonly ok: false; readonly id: number | null; readonly sim: SimId | null; readonly error: ProtocolError };

const nat = z.int('must be a whole number >= 0').check(z.minimum(0, 'must be a whole number >= 0'));
const simId = z.string().check(z.minLength(1));
const record = z.looseObject({}, 'must be an object');

const target = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('cursor'), cursor: nat }),
    z.looseObject({ type: z.literal('time'), tNs: z.number('must be a number') }),
  ],
  'must be { type: "cursor", cursor } or { type: "time", tNs }',
);

const vcpuAction = <T extends string>(type: T) => z.looseObject({ type: z.literal(type), vcpu: nat });
const action = z.discriminatedUnion(
  'type',
  [
    z.looseObject({ type: z.literal('memslot-delete') }),
    z.looseObject({ type: z.literal('bump-generation') }),
    z.looseObject({ type: z.literal('shrink'), calls: nat.check(z.minimum(1, 'must be a whole number >= 1')) }),
    vcpuAction('pause-vcpu'),
    vcpuAction('resume-vcpu'),
    z.looseObject({ type: z.literal('set-workload'), vcpu: nat, workload: record }),
  ],
  'must be one of memslot-delete, bump-generation, shrink, pause-vcpu, resume-vcpu, set-workload',
);

const detail = z.enum(['auto', 'aggregate'], 'must be auto or aggregate');
const range = z.looseObject({ from: nat, to: nat }, 'must be { from, to }');
const req = <T extends ToWorkerType, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.looseObject({ type: z.literal(type), id: nat, sim: simId, ...shape });

/** One schema per request type (a type missing here fails to compile). */
const REQUESTS = {
  load: req('load', {
    scenario: record,
    interventions: z.array(z.looseObject({ atEvent: nat, action }), 'must be an array'),
    target: z.nullable(target),
    maxEvents: nat,
    detail,
    startAfterSetup: z.optional(z.boolean('must be a boolean')),
  }),
  frame: req('frame', { target, detail, events: z.optional(range) }),
  events: req('events', { from: nat, to: nat }),
  landmarks: req('landmarks', { from: nat }),
  history: req('history', { page: nat, to: nat, limit: nat }),
  intervene: req('intervene', { cursor: nat, action, detail }),
  extend: req('extend', {
    maxEvents: nat,
    budgetMs: z.nullable(z.number('must be null or a number >= 0').check(z.minimum(0, 'must be null or a number >= 0'))),
    until: z.nullable(target),
    landmarksFrom: z.optional(nat),
  }),
  dispose: req('dispose', {}),
  ping: req('ping', {}),
} satisfies Record<ToWorkerType, z.ZodMiniType>;

const isRequestType = (t: unknown): t is ToWorkerType => typeof t === 'string' && Object.hasOwn(REQUESTS, t);

/** "target.cursor must be …", "interventions[0].action must be …" (a union's own `type` key left out). */
function issueText(issue: z.core.$ZodIssue): string {
  const path = issue.code === 'invalid_union' && issue.path.at(-1) === 'type' ? issue.path.slice(0, -1) : issue.path;
  const where = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
  return `${where} ${issue.message}`;
}

/** Check that `raw` is a well-formed request. */
export function parseToWorker(raw: unknown): Parsed {
  const rec = record.safeParse(raw);
  const id = rec.success ? nat.safeParse(rec.data.id) : null;
  const sim = rec.success ? simId.safeParse(rec.data.sim) : null;
  const fail = (message: string): Parsed => ({
    ok: false,
    id: id?.success ? id.data : null,
    sim: sim?.success ? (sim.data as SimId) : null,
    error: protocolError('E_WORKER_BAD_REQUEST', message),
  });
  if (!rec.success) return fail('A request must be an object.');
  const type = rec.data.type;
  if (!isRequestType(type)) return fail(`Unknown request type ${JSON.stringify(type)}.`);
  if (!id?.success) return fail('A request needs a whole-number id.');
  if (!sim?.success) return fail('A request needs a sim id.');
  const r = REQUESTS[type].safeParse(raw);
  if (!r.success) return fail(`Bad ${type} request: ${r.error.issues.map(issueText).join('; ')}.`);
  return { ok: true, value: raw as ToWorker };
}
