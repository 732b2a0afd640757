import { LIMITS } from '../../scenario/schema.ts';
import { PATTERN_CHOICES } from '../../scenario/options.ts';
import { newGroup, type DraftErrors, type GroupDraft, type Pattern } from './draft.ts';
import { EditorRow, SelectField, TextFields, type TextSpec } from './fields.tsx';

export interface GroupFieldsProps {
  readonly groups: readonly GroupDraft[];
  readonly errors: DraftErrors;
  readonly onChange: (groups: readonly GroupDraft[]) => void;
}

const MAX_GROUPS = 64;
const PATTERN_LABELS: Record<Pattern, string> = {
  uniform: 'uniform (any page of the working set)',
  'hot-set': 'hot set (most touches in a small part)',
  sequential: 'sequential (page after page)',
  idle: 'idle (touches nothing)',
};
type GroupText = 'count' | 'sizeMiB' | 'gapNs' | 'hotPermille' | 'hotAccessPermille';
const COUNT: readonly TextSpec<GroupText>[] = [{ name: 'count', label: 'vCPUs', hint: `1 to ${LIMITS.maxVcpus} in all` }];
const WORKING_SET: readonly TextSpec<GroupText>[] = [
  {
    name: 'sizeMiB',
    label: 'Working set',
    unit: 'MiB per vCPU',
    placeholder: 'equal share',
    hint: 'blank: an equal share of guest memory',
  },
  { name: 'gapNs', label: 'Gap between touches', unit: 'ns', hint: 'the touch rate is its inverse' },
];
/** Shown for the hot-set pattern only. */
const HOT_SET: readonly TextSpec<GroupText>[] = [
  { name: 'hotPermille', label: 'Hot part', unit: '‰ of the working set' },
  { name: 'hotAccessPermille', label: 'Touches to the hot part', unit: '‰' },
];
const PATTERN_OPTIONS = PATTERN_CHOICES.map((p) => ({ value: p, label: PATTERN_LABELS[p] }));

/** vCPU groups: count, access pattern, working set and rate; add and remove groups. */
export function GroupFields({ groups, errors, onChange }: GroupFieldsProps) {
  const update = (key: number, patch: Partial<GroupDraft>) => onChange(groups.map((g) => (g.key === key ? { ...g, ...patch } : g)));
  return (
    <fieldset className="fz-editor-section">
      <legend>vCPU groups</legend>
      {errors.groups ? <p className="fz-field-error">{errors.groups}</p> : null}
      {groups.map((g, i) => (
        <GroupRow
          key={g.key}
          group={g}
          legend={`vCPU group ${i + 1}`}
          errors={errors}
          onChange={(patch) => update(g.key, patch)}
          onRemove={groups.length > 1 ? () => onChange(groups.filter((x) => x.key !== g.key)) : null}
        />
      ))}
      <button
        type="button"
        className="fz-btn fz-btn-small"
        disabled={groups.length >= MAX_GROUPS}
        onClick={() => onChange([...groups, newGroup()])}
      >
        Add vCPU group
      </button>
    </fieldset>
  );
}

interface GroupRowProps {
  readonly group: GroupDraft;
  readonly legend: string;
  readonly errors: DraftErrors;
  readonly onChange: (patch: Partial<GroupDraft>) => void;
  /** Null for the last group left (a scenario has at least one). */
  readonly onRemove: (() => void) | null;
}

function GroupRow({ group: g, legend, errors, onChange, onRemove }: GroupRowProps) {
  const texts = {
    values: g,
    context: legend,
    errorOf: (f: GroupText) => errors[`group.${g.key}.${f}`],
    onChange: (name: GroupText, value: string) => onChange({ [name]: value }),
  };
  return (
    <EditorRow legend={legend} error={errors[`group.${g.key}`]}>
      <TextFields specs={COUNT} {...texts} />
      <SelectField
        context={legend}
        label="Access pattern"
        value={g.pattern}
        options={PATTERN_OPTIONS}
        onChange={(pattern) => onChange({ pattern })}
      />
      <TextFields specs={WORKING_SET} {...texts} />
      {g.pattern === 'hot-set' ? <TextFields specs={HOT_SET} {...texts} /> : null}
      {onRemove ? (
        <button type="button" className="fz-btn fz-btn-small" onClick={onRemove}>
          Remove {legend}
        </button>
      ) : null}
    </EditorRow>
  );
}
