import { LIMITS } from '../../scenario/schema.ts';
import { newScriptEntry, type DraftErrors, type ScriptDraft, type ScriptType } from './draft.ts';
import { EditorRow, SelectField, TextField } from './fields.tsx';

export interface ScriptFieldsProps {
  readonly script: readonly ScriptDraft[];
  readonly errors: DraftErrors;
  readonly onChange: (script: readonly ScriptDraft[]) => void;
}

const ACTIONS: readonly { value: ScriptType; label: string }[] = [
  { value: 'memslot-delete', label: 'Delete a memslot (invalidate all pages)' },
  { value: 'shrink', label: 'Memory pressure (mmu_shrink)' },
  { value: 'pause-vcpu', label: 'Pause a vCPU' },
  { value: 'resume-vcpu', label: 'Resume a vCPU' },
  { value: 'bump-generation', label: 'Bump the generation only' },
];

/** The scenario's script: interventions at fixed simulated times. */
export function ScriptFields({ script, errors, onChange }: ScriptFieldsProps) {
  const update = (key: number, patch: Partial<ScriptDraft>) => onChange(script.map((e) => (e.key === key ? { ...e, ...patch } : e)));
  return (
    <fieldset className="fz-editor-section">
      <legend>Scripted interventions</legend>
      {script.length === 0 ? <p className="fz-muted">None: the run only shows the vCPUs at work.</p> : null}
      {errors.script ? <p className="fz-field-error">{errors.script}</p> : null}
      {script.map((e, i) => {
        const ctx = `Intervention ${i + 1}`;
        const err = (f: string) => errors[`script.${e.key}.${f}`];
        // A set-workload entry (from a file or link) is kept as is; only its time and vCPU are editable.
        const options =
          e.type === 'set-workload'
            ? [...ACTIONS, { value: 'set-workload' as const, label: 'Change a workload (kept as in the file)', disabled: true }]
            : ACTIONS;
        return (
          <EditorRow key={e.key} legend={ctx} error={errors[`script.${e.key}`]}>
            <TextField
              context={ctx}
              label="At"
              unit="µs"
              inputMode="decimal"
              value={e.atUs}
              error={err('atUs')}
              onChange={(atUs) => update(e.key, { atUs })}
            />
            <SelectField context={ctx} label="Action" value={e.type} options={options} onChange={(type) => update(e.key, { type })} />
            {e.type === 'pause-vcpu' || e.type === 'resume-vcpu' || e.type === 'set-workload' ? (
              <TextField context={ctx} label="vCPU" value={e.vcpu} error={err('vcpu')} onChange={(vcpu) => update(e.key, { vcpu })} />
            ) : null}
            {e.type === 'shrink' ? (
              <TextField
                context={ctx}
                label="Shrinker calls"
                value={e.calls}
                error={err('calls')}
                onChange={(calls) => update(e.key, { calls })}
              />
            ) : null}
            <button type="button" className="fz-btn fz-btn-small" onClick={() => onChange(script.filter((x) => x.key !== e.key))}>
              Remove {ctx.toLowerCase()}
            </button>
          </EditorRow>
        );
      })}
      <button
        type="button"
        className="fz-btn fz-btn-small"
        disabled={script.length >= LIMITS.maxScript}
        onClick={() => onChange([...script, newScriptEntry(script[script.length - 1]?.atUs ?? '0')])}
      >
        Add intervention
      </button>
    </fieldset>
  );
}
