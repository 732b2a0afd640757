import { useId, useMemo, useState, type FormEvent } from 'react';
import { LOCK_BREAK_CHOICES, STRATEGY_CHOICES } from '../../scenario/options.ts';
import { presetVersion } from '../../scenario/presetVersions.ts';
import { findPreset } from '../../scenario/presets.ts';
import { LIMITS, type Scenario } from '../../scenario/schema.ts';
import { checkDraft, draftOf, type Draft } from './draft.ts';
import { SelectField, TextField } from './fields.tsx';
import { GroupFields } from './GroupFields.tsx';
import { ScriptFields } from './ScriptFields.tsx';

export interface ScenarioEditorProps {
  /** The scenario running now; the form starts from it and follows it when it changes. */
  readonly scenario: Scenario;
  /** The preset it came from ("Reset to preset" is shown only with one). */
  readonly presetName: string | null;
  /** Apply: the app restarts the run with this scenario. */
  readonly onApply: (scenario: Scenario) => void;
}

/** Edit the main parameters of a scenario, validated as you type; Apply restarts the run. */
export function ScenarioEditor({ scenario, presetName, onApply }: ScenarioEditorProps) {
  const headingId = useId();
  const statusId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(scenario));
  const [shown, setShown] = useState(scenario);
  const [notice, setNotice] = useState('');
  if (shown !== scenario) {
    // A new scenario was loaded (a preset, a link, a file, or our own Apply): start over from it.
    setShown(scenario);
    setDraft(draftOf(scenario));
    setNotice('');
  }
  const check = useMemo(() => checkDraft(draft), [draft]);
  const problems = Object.keys(check.errors).length;
  const dirty = !check.scenario || JSON.stringify(check.scenario) !== JSON.stringify(scenario);
  const preset = presetName ? findPreset(presetName) : undefined;
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setNotice('');
  };

  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (check.scenario) onApply(check.scenario);
  };
  const reset = () => {
    const pv = presetName ? presetVersion(presetName) : undefined;
    if (!pv) return;
    setDraft(draftOf(pv.scenario));
    setNotice(`The form shows the preset “${preset?.title ?? presetName}” again; Apply restarts the run with it.`);
  };

  const status = problems
    ? `${problems === 1 ? '1 field needs' : `${problems} fields need`} fixing before Apply.`
    : notice || (dirty ? 'Changes not applied yet.' : '');

  return (
    <form className="fz-editor" aria-labelledby={headingId} onSubmit={apply} noValidate>
      <h2 id={headingId}>Scenario</h2>
      <fieldset className="fz-editor-section">
        <legend>Guest and run</legend>
        <TextField
          label="Guest memory"
          unit="MiB"
          value={draft.memoryMiB}
          error={check.errors.memoryMiB}
          hint={`2 to ${LIMITS.maxGuestMiB.toLocaleString('en-US')}`}
          onChange={(memoryMiB) => set({ memoryMiB })}
        />
        <TextField
          label="Seed"
          value={draft.seed}
          error={check.errors.seed}
          hint="same seed, same run"
          onChange={(seed) => set({ seed })}
        />
        <TextField
          label="Duration"
          unit="µs of simulated time"
          inputMode="decimal"
          value={draft.durationUs}
          error={check.errors.durationUs}
          onChange={(durationUs) => set({ durationUs })}
        />
      </fieldset>
      <fieldset className="fz-editor-section">
        <legend>Strategy</legend>
        <SelectField
          label="Strategy"
          value={draft.strategy}
          error={check.errors.strategy}
          options={STRATEGY_CHOICES.map((s) => ({ value: s.name, label: s.label }))}
          hint={STRATEGY_CHOICES.find((s) => s.name === draft.strategy)?.description}
          onChange={(strategy) => set({ strategy })}
        />
        <TextField
          label="Batch size"
          unit="pages between lock breaks"
          value={draft.batchZapPages}
          error={check.errors.batchZapPages}
          onChange={(batchZapPages) => set({ batchZapPages })}
        />
        <SelectField
          label="Lock-break policy"
          value={draft.lockBreak}
          options={LOCK_BREAK_CHOICES.map((c) => ({ value: c.name, label: c.label }))}
          onChange={(lockBreak) => set({ lockBreak })}
        />
        {draft.lockBreak === 'resched-only' ? (
          <TextField
            label="Reschedule every"
            unit="µs; 0 = never"
            inputMode="decimal"
            value={draft.reschedEveryUs}
            error={check.errors.reschedEveryUs}
            onChange={(reschedEveryUs) => set({ reschedEveryUs })}
          />
        ) : null}
      </fieldset>
      <GroupFields groups={draft.groups} errors={check.errors} onChange={(groups) => set({ groups })} />
      <ScriptFields script={draft.script} errors={check.errors} onChange={(script) => set({ script })} />
      {check.errors.form ? <p className="fz-field-error">{check.errors.form}</p> : null}
      <div className="fz-editor-actions">
        <button type="submit" className="fz-btn fz-btn-primary" disabled={!check.scenario} aria-describedby={statusId}>
          Apply (restarts the run)
        </button>
        {preset ? (
          <button type="button" className="fz-btn" onClick={reset}>
            Reset to preset
          </button>
        ) : null}
        <p id={statusId} role="status" className="fz-editor-status">
          {status}
        </p>
      </div>
    </form>
  );
}
