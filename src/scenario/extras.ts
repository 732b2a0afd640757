/**
 * What travels with a scenario in a link or a file: interventions made interactively, the cursor
 * and view options. Each is checked on its own; what fails is dropped with a note for the
 * person, and the rest opens (the scenario alone decides whether a link or file opens at all).
 */
import { z } from 'zod';
import type { TimedIntervention } from '../sim/public.ts';
import { LIMITS, type Scenario } from './schema.ts';
import { LINK_LIMITS } from './limits.ts';
import { isPlainObject } from './json.ts';
import { describeIssues } from './validate.ts';
import { vcpuCount } from './toConfig.ts';

/** View options carried by a link. */
export interface LinkView {
  /** Id of the selected shadow page. */
  readonly selectedPage?: number;
  /** Zoom factor of the page view (1 = fit). */
  readonly zoom?: number;
}

/** Where the data came from, for messages: "the link's …" / "the file's …". */
export type Source = 'link' | 'file';

const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be between ${min} and ${max}` })
    .max(max, { error: `${name} must be between ${min} and ${max}` });

const MAX_GFN = LIMITS.maxGuestMiB * 256;
const vcpuField = int('vcpu', 0, LIMITS.maxVcpus - 1);

/** The core's `Intervention` (a `set-workload` carries a placed workload, in 4 KiB frames). */
const actionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('memslot-delete') }),
    z.strictObject({ type: z.literal('bump-generation') }),
    z.strictObject({ type: z.literal('shrink'), calls: int('calls', 1, 100_000) }),
    z.strictObject({ type: z.literal('pause-vcpu'), vcpu: vcpuField }),
    z.strictObject({ type: z.literal('resume-vcpu'), vcpu: vcpuField }),
    z.strictObject({
      type: z.literal('set-workload'),
      vcpu: vcpuField,
      workload: z.strictObject({
        pattern: z.enum(['uniform', 'hot-set', 'sequential', 'idle'], {
          error: 'pattern must be one of uniform, hot-set, sequential, idle',
        }),
        baseGfn: int('baseGfn', 0, MAX_GFN),
        pages: int('pages', 0, MAX_GFN),
        hotPermille: int('hotPermille', 1, 1000),
        hotAccessPermille: int('hotAccessPermille', 0, 1000),
        gapNs: int('gapNs', 1, 1_000_000_000),
      }),
    }),
  ],
  { error: 'action.type must be one of memslot-delete, bump-generation, shrink, pause-vcpu, resume-vcpu, set-workload' },
);

const timedSchema = z.strictObject({ atEvent: int('atEvent', 0, LINK_LIMITS.maxEventIndex), action: actionSchema });

/** Problems the schema cannot see: references to vCPUs and guest frames of this scenario. */
function fitsScenario(t: TimedIntervention, sc: Scenario): string | null {
  const a = t.action;
  const total = vcpuCount(sc);
  if ('vcpu' in a && a.vcpu >= total) return `action.vcpu must be between 0 and ${total - 1}`;
  if (a.type === 'set-workload') {
    const guestPages = sc.guest.memoryMiB * 256;
    if (a.workload.baseGfn + a.workload.pages > guestPages) return `action.workload must end within guest memory (${guestPages} frames)`;
  }
  return null;
}

export interface Checked<T> {
  readonly value: T;
  readonly notes: readonly string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Interventions that fit `sc`, in their order; the others are dropped with one note. */
export function checkInterventions(value: unknown, sc: Scenario, source: Source): Checked<TimedIntervention[]> {
  if (value === undefined) return { value: [], notes: [] };
  const whose = `The ${source}'s`;
  if (!Array.isArray(value))
    return { value: [], notes: [`${whose} interventions were not a list and were ignored; the scenario opened without them.`] };
  if (value.length > LINK_LIMITS.maxInterventions) {
    return {
      value: [],
      notes: [
        `${whose} ${value.length} interventions are more than the limit of ${LINK_LIMITS.maxInterventions} and were ignored; the scenario opened without them.`,
      ],
    };
  }
  const kept: TimedIntervention[] = [];
  const problems: string[] = [];
  value.forEach((item, i) => {
    const r = timedSchema.safeParse(item);
    const problem = r.success ? fitsScenario(r.data, sc) : (describeIssues(r.error)[0] ?? 'invalid');
    if (problem === null && r.success) kept.push(r.data);
    else problems.push(`interventions[${i}]: ${problem}`);
  });
  if (problems.length === 0) return { value: kept, notes: [] };
  const shown = problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
  const rest = kept.length
    ? `the scenario and the other ${plural(kept.length, 'intervention')} opened`
    : 'the scenario opened without them';
  return {
    value: kept,
    notes: [
      `${plural(problems.length, 'intervention')} of ${whose.toLowerCase()} ${value.length} ${problems.length === 1 ? 'was' : 'were'} invalid and dropped (${shown}); ${rest}, so the run may differ from the one shared.`,
    ],
  };
}

/** The event index to land on, or null (the start) with a note when invalid. */
export function checkCursor(value: unknown, source: Source): Checked<number | null> {
  if (value === undefined) return { value: null, notes: [] };
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= LINK_LIMITS.maxEventIndex) return { value, notes: [] };
  return {
    value: null,
    notes: [
      `The ${source}'s moment (cursor) was invalid and was ignored: it must be a whole number between 0 and ${LINK_LIMITS.maxEventIndex}; the run opened at the start.`,
    ],
  };
}

/** View options; each invalid one is dropped with a note. */
export function checkView(value: unknown, source: Source): Checked<LinkView> {
  if (value === undefined) return { value: {}, notes: [] };
  const whose = `The ${source}'s`;
  if (!isPlainObject(value)) return { value: {}, notes: [`${whose} view settings were invalid and were ignored; the scenario opened.`] };
  const problems: string[] = [];
  const out: { selectedPage?: number; zoom?: number } = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'selectedPage') {
      if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= LINK_LIMITS.maxPageId) out.selectedPage = v;
      else problems.push(`selectedPage must be a whole number between 0 and ${LINK_LIMITS.maxPageId}`);
    } else if (k === 'zoom') {
      if (typeof v === 'number' && v >= LINK_LIMITS.minZoom && v <= LINK_LIMITS.maxZoom) out.zoom = v;
      else problems.push(`zoom must be between ${LINK_LIMITS.minZoom} and ${LINK_LIMITS.maxZoom}`);
    } else if (problems.length < 5) problems.push(`unknown setting ${JSON.stringify(k.slice(0, 40))}`);
  }
  if (problems.length === 0) return { value: out, notes: [] };
  return {
    value: out,
    notes: [`${whose} view settings were partly invalid and were ignored (${problems.join('; ')}); the scenario opened.`],
  };
}
