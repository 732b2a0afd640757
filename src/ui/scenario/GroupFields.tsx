import { LIMITS } from '../../scenario/schema.ts';
import { PATTERN_CHOICES } from '../../scenario/options.ts';
import { newGroup, type DraftErrors, type GroupDraft, type Pattern } from './draft.ts';
import { SelectField, TextField } from './fields.tsx';

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

/** vCPU groups: count, access pattern, working set and rate; add and remove groups. */
export function GroupFields({ groups, errors, onChange }: GroupFieldsProps) {
  const update = (key: number, patch: Partial<GroupDraft>) => onChange(groups.map((g) => (g.key === key ? { ...g, ...patch } : g)));
  return (
    <fieldset className="fz-editor-section">
      <legend>vCPU groups</legend>
      {errors.groups ? <p className="fz-field-error">{errors.groups}</p> : null}
      {groups.map((g, i) => {
        const ctx = `vCPU group ${i + 1}`;
        const err = (f: string) => errors[`group.${g.key}.${f}`];
        return (
          <fieldset key={g.key} className="fz-editor-row">
            <legend>{ctx}</legend>
            {errors[`group.${g.key}`] ? <p className="fz-field-error">{errors[`group.${g.key}`]}</p> : null}
            <TextField
              context={ctx}
              label="vCPUs"
              value={g.count}
              error={err('count')}
              hint={`1 to ${LIMITS.maxVcpus} in all`}
              onChange={(count) => update(g.key, { count })}
            />
            <SelectField
              context={ctx}
              label="Access pattern"
              value={g.pattern}
              options={PATTERN_CHOICES.map((p) => ({ value: p, label: PATTERN_LABELS[p] }))}
              onChange={(pattern) => update(g.key, { pattern })}
            />
            <TextField
              context={ctx}
              label="Working set"
              unit="MiB per vCPU"
              value={g.sizeMiB}
              placeholder="equal share"
              hint="blank: an equal share of guest memory"
              error={err('sizeMiB')}
              onChange={(sizeMiB) => update(g.key, { sizeMiB })}
            />
            <TextField
              context={ctx}
              label="Gap between touches"
              unit="ns"
              value={g.gapNs}
              hint="the touch rate is its inverse"
              error={err('gapNs')}
              onChange={(gapNs) => update(g.key, { gapNs })}
            />
            {g.pattern === 'hot-set' ? (
              <>
                <TextField
                  context={ctx}
                  label="Hot part"
                  unit="‰ of the working set"
                  value={g.hotPermille}
                  error={err('hotPermille')}
                  onChange={(hotPermille) => update(g.key, { hotPermille })}
                />
                <TextField
                  context={ctx}
                  label="Touches to the hot part"
                  unit="‰"
                  value={g.hotAccessPermille}
                  error={err('hotAccessPermille')}
                  onChange={(hotAccessPermille) => update(g.key, { hotAccessPermille })}
                />
              </>
            ) : null}
            {groups.length > 1 ? (
              <button type="button" className="fz-btn fz-btn-small" onClick={() => onChange(groups.filter((x) => x.key !== g.key))}>
                Remove {ctx}
              </button>
            ) : null}
          </fieldset>
        );
      })}
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
