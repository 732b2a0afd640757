/**
 * The scenario editor's form state: text fields as typed, so validation can name what is wrong
 * while typing. `checkDraft` turns a draft into a scenario or into messages keyed by field id;
 * each message names the field (by its label) and the allowed range in the units shown.
 */
import { LIMITS, scenarioSchema, type Scenario, type ScenarioInput, type WorkloadSpec } from '../../scenario/schema.ts';

export type Pattern = WorkloadSpec['pattern'];
export type ScriptType = Scenario['script'][number]['action']['type'];

export interface GroupDraft {
  readonly key: number;
  readonly count: string;
  readonly pattern: Pattern;
  /** Blank = an equal share of guest memory. */
  readonly sizeMiB: string;
  readonly gapNs: string;
  readonly hotPermille: string;
  readonly hotAccessPermille: string;
  /** Kept from the scenario, not edited here. */
  readonly baseMiB: number | undefined;
}

export interface ScriptDraft {
  readonly key: number;
  readonly atUs: string;
  readonly type: ScriptType;
  readonly vcpu: string;
  readonly calls: string;
  /** set-workload entries are kept as they are (edit them in a scenario file). */
  readonly workload: WorkloadSpec | undefined;
}

export interface Draft {
  readonly memoryMiB: string;
  readonly seed: string;
  readonly durationUs: string;
  readonly strategy: string;
  readonly batchZapPages: string;
  readonly lockBreak: 'contended' | 'resched-only';
  readonly reschedEveryUs: string;
  readonly groups: readonly GroupDraft[];
  readonly script: readonly ScriptDraft[];
  /** The scenario the draft started from: the fields the editor does not show come from it. */
  readonly base: Scenario;
}

let nextKey = 1;
const newKey = (): number => nextKey++;

/** ns as µs text: "300", "0.5", "1.234". */
function usText(ns: number): string {
  const whole = Math.floor(ns / 1000);
  const frac = ns % 1000;
  return frac === 0 ? String(whole) : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

export function newGroup(): GroupDraft {
  return {
    key: newKey(),
    count: '1',
    pattern: 'uniform',
    sizeMiB: '',
    gapNs: '200',
    hotPermille: '100',
    hotAccessPermille: '900',
    baseMiB: undefined,
  };
}

export function newScriptEntry(atUs = '0'): ScriptDraft {
  return { key: newKey(), atUs, type: 'memslot-delete', vcpu: '0', calls: '1', workload: undefined };
}

export function draftOf(sc: Scenario): Draft {
  return {
    memoryMiB: String(sc.guest.memoryMiB),
    seed: String(sc.seed),
    durationUs: usText(sc.durationNs),
    strategy: sc.strategy.name,
    batchZapPages: String(sc.strategy.batchZapPages),
    lockBreak: sc.strategy.lockBreak,
    reschedEveryUs: usText(sc.strategy.reschedEveryNs),
    groups: sc.vcpus.map((g) => ({
      key: newKey(),
      count: String(g.count),
      pattern: g.pattern,
      sizeMiB: g.sizeMiB === undefined ? '' : String(g.sizeMiB),
      gapNs: String(g.gapNs),
      hotPermille: String(g.hotPermille),
      hotAccessPermille: String(g.hotAccessPermille),
      baseMiB: g.baseMiB,
    })),
    script: sc.script.map((e) => ({
      key: newKey(),
      atUs: usText(e.atNs),
      type: e.action.type,
      vcpu: 'vcpu' in e.action ? String(e.action.vcpu) : '0',
      calls: e.action.type === 'shrink' ? String(e.action.calls) : '1',
      workload: e.action.type === 'set-workload' ? e.action.workload : undefined,
    })),
    base: sc,
  };
}

export type DraftErrors = Readonly<Record<string, string>>;

export interface DraftCheck {
  /** The scenario, when the draft is valid. */
  readonly scenario: Scenario | null;
  /** Messages by field id (`memoryMiB`, `group.<key>.count`, `script.<key>.atUs`, ...). */
  readonly errors: DraftErrors;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Whole number in [min, max], or a message naming `label` and the range. */
function wholeNumber(text: string, label: string, min: number, max: number, unit = ''): number | string {
  const t = text.trim();
  const n = /^\d{1,16}$/.test(t) ? Number(t) : NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  return `${label} must be a whole number between ${fmt(min)} and ${fmt(max)}${unit ? ` ${unit}` : ''}`;
}

/** µs with up to three decimals, as whole ns in [minNs, maxNs]. */
function microseconds(text: string, label: string, minNs: number, maxNs: number): number | string {
  const m = /^(\d{1,12})(?:\.(\d{1,3}))?$/.exec(text.trim());
  const ns = m ? Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0')) : NaN;
  if (Number.isSafeInteger(ns) && ns >= minNs && ns <= maxNs) return ns;
  return `${label} must be between ${usText(minNs)} and ${fmt(maxNs / 1000)} µs (up to 3 decimals)`;
}

/** Where a schema issue shows: the field it is about, or the group/row/form as a whole. */
function fieldOfIssue(path: readonly PropertyKey[], d: Draft): string {
  const [a, i, b, c] = path;
  if (a === 'vcpus' && typeof i === 'number') {
    const key = d.groups[i]?.key;
    return key === undefined ? 'groups' : typeof b === 'string' ? `group.${key}.${b}` : `group.${key}`;
  }
  if (a === 'vcpus') return 'groups';
  if (a === 'script' && typeof i === 'number') {
    const key = d.script[i]?.key;
    if (key === undefined) return 'script';
    if (b === 'atNs') return `script.${key}.atUs`;
    return typeof c === 'string' ? `script.${key}.${c}` : `script.${key}`;
  }
  if (a === 'guest' || a === 'prepopulate') return 'memoryMiB';
  if (a === 'durationNs') return 'durationUs';
  if (a === 'strategy' && typeof i === 'string') return i === 'reschedEveryNs' ? 'reschedEveryUs' : i === 'name' ? 'strategy' : i;
  return typeof a === 'string' ? a : 'form';
}

export function checkDraft(d: Draft): DraftCheck {
  const errors: Record<string, string> = {};
  const take = <T>(id: string, v: T | string): T | undefined => {
    if (typeof v === 'string') {
      errors[id] = v;
      return undefined;
    }
    return v;
  };
  const memoryMiB = take('memoryMiB', wholeNumber(d.memoryMiB, 'Guest memory', 2, LIMITS.maxGuestMiB, 'MiB'));
  const seed = take('seed', wholeNumber(d.seed, 'Seed', 0, 0xffffffff));
  const durationNs = take('durationUs', microseconds(d.durationUs, 'Duration', 1000, LIMITS.maxDurationNs));
  const batchZapPages = take('batchZapPages', wholeNumber(d.batchZapPages, 'Batch size', 1, 100_000, 'pages'));
  const reschedEveryNs =
    d.lockBreak === 'resched-only'
      ? take('reschedEveryUs', microseconds(d.reschedEveryUs, 'Reschedule interval', 0, LIMITS.maxDurationNs))
      : d.base.strategy.reschedEveryNs;

  const vcpus = d.groups.map((g, i) => {
    const label = `vCPU group ${i + 1}:`;
    const count = take(`group.${g.key}.count`, wholeNumber(g.count, `${label} count`, 1, LIMITS.maxVcpus));
    const sizeMiB =
      g.sizeMiB.trim() === ''
        ? undefined
        : take(`group.${g.key}.sizeMiB`, wholeNumber(g.sizeMiB, `${label} working set`, 0, memoryMiB ?? LIMITS.maxGuestMiB, 'MiB'));
    const gapNs = take(`group.${g.key}.gapNs`, wholeNumber(g.gapNs, `${label} gap`, 1, 1_000_000_000, 'ns'));
    const hot =
      g.pattern === 'hot-set'
        ? {
            hotPermille: take(`group.${g.key}.hotPermille`, wholeNumber(g.hotPermille, `${label} hot part`, 1, 1000, '‰')),
            hotAccessPermille: take(
              `group.${g.key}.hotAccessPermille`,
              wholeNumber(g.hotAccessPermille, `${label} accesses to the hot part`, 0, 1000, '‰'),
            ),
          }
        : { hotPermille: Number(g.hotPermille) || 100, hotAccessPermille: Number(g.hotAccessPermille) || 900 };
    return {
      count,
      pattern: g.pattern,
      gapNs,
      ...hot,
      ...(sizeMiB === undefined ? {} : { sizeMiB }),
      ...(g.baseMiB === undefined ? {} : { baseMiB: g.baseMiB }),
    };
  });
  const total = vcpus.reduce((n, g) => n + (g.count ?? 0), 0);
  if (total > LIMITS.maxVcpus) errors.groups = `vCPUs in all must be at most ${LIMITS.maxVcpus} (now ${total})`;

  const script = d.script.map((e, i) => {
    const label = `Intervention ${i + 1}:`;
    const atNs = take(`script.${e.key}.atUs`, microseconds(e.atUs, `${label} time`, 0, durationNs ?? LIMITS.maxDurationNs));
    let action: unknown = { type: e.type };
    const vcpu = () => take(`script.${e.key}.vcpu`, wholeNumber(e.vcpu, `${label} vCPU`, 0, Math.max(0, total - 1)));
    if (e.type === 'pause-vcpu' || e.type === 'resume-vcpu') action = { type: e.type, vcpu: vcpu() };
    else if (e.type === 'shrink')
      action = { type: e.type, calls: take(`script.${e.key}.calls`, wholeNumber(e.calls, `${label} shrinker calls`, 1, 100_000)) };
    else if (e.type === 'set-workload') action = { type: e.type, vcpu: vcpu(), workload: e.workload };
    return { atNs, action };
  });
  if (Object.keys(errors).length) return { scenario: null, errors };

  const b = d.base;
  const input = {
    ...b,
    seed,
    guest: { ...b.guest, memoryMiB },
    vcpus,
    strategy: { ...b.strategy, name: d.strategy, batchZapPages, lockBreak: d.lockBreak, reschedEveryNs },
    durationNs,
    script,
  } as ScenarioInput;
  const r = scenarioSchema.safeParse(input);
  if (r.success) return { scenario: r.data, errors };
  for (const issue of r.error.issues) {
    const id = fieldOfIssue(issue.path, d);
    errors[id] ??= issue.message
      .replace(/^vcpus\[(\d+)\]/, (_, i: string) => `vCPU group ${Number(i) + 1}`)
      .replace(/^script\[(\d+)\]\S*/, (_, i: string) => `Intervention ${Number(i) + 1}`);
  }
  return { scenario: null, errors };
}
