import { useId, useMemo, useState, type FormEvent } from 'react';
import { LOCK_BREAK_CHOICES, STRATEGY_CHOICES } from '../../scenario/options.ts';
import { presetVersion } from '../../scenario/presetVersions.ts';
import { findPreset } from '../../scenario/presets.ts';
import { LIMITS, type Scenario } from '../../scenario/schema.ts';
import { estimateRun } from '../../scenario/cost.ts';
import { plannedMessage } from '../budgetText.ts';
import { checkDraft, draftOf, type Draft } from './draft.ts';
import { SelectField, TextFields, type TextSpec } from './fields.tsx';
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

type RunText = 'memoryMiB' | 'seed' | 'durationUs' | 'batchZapPages' | 'reschedEveryUs';
const GUEST_AND_RUN: readonly TextSpec<RunText>[] = [
  { name: 'memoryMiB', label: 'Guest memory', unit: 'MiB', hint: `2 to ${LIMITS.maxGuestMiB.toLocaleString('en-US')}` },
  { name: 'seed', label: 'Seed', hint: 'same seed, same run' },
  { name: 'durationUs', label: 'Duration', unit: 'µs of simulated time', inputMode: 'decimal' },
];
const BATCH: readonly TextSpec<RunText>[] = [{ name: 'batchZapPages', label: 'Batch size', unit: 'pages between lock breaks' }];
/** Shown for the resched-only lock-break policy only. */
const RESCHED: readonly TextSpec<RunText>[] = [
  { name: 'reschedEveryUs', label: 'Reschedule every', unit: 'µs; 0 = never', inputMode: 'decimal' },
];
const STRATEGY_OPTIONS = STRATEGY_CHOICES.map((s) => ({ value: s.name, label: s.label }));
const LOCK_BREAK_OPTIONS = LOCK_BREAK_CHOICES.map((c) => ({ value: c.name, label: c.label }));

/** The form's draft, checked as it changes, and the status line under the form. */
function useEditorDraft(scenario: Scenario, presetName: string | null) {
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
  // What the run would cost, before Apply: a warning when a budget would cut it.
  const budget = useMemo(() => (check.scenario ? plannedMessage(estimateRun(check.scenario)) : null), [check.scenario]);
  const problems = Object.keys(check.errors).length;
  const dirty = !check.scenario || JSON.stringify(check.scenario) !== JSON.stringify(scenario);
  const preset = presetName ? findPreset(presetName) : undefined;
  const set = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setNotice('');
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
  return { draft, check, set, reset: preset ? reset : null, status, budget };
}

/** Edit the main parameters of a scenario, validated as you type; Apply restarts the run. */
export function ScenarioEditor({ scenario, presetName, onApply }: ScenarioEditorProps) {
  const headingId = useId();
  const statusId = useId();
  const warningId = useId();
  const { draft, check, set, reset, status, budget } = useEditorDraft(scenario, presetName);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (check.scenario) onApply(check.scenario);
  };
  const texts = {
    values: draft,
    errorOf: (name: RunText) => check.errors[name],
    onChange: (name: RunText, value: string) => set({ [name]: value }),
  };
  return (
    <form className="fz-editor" aria-labelledby={headingId} onSubmit={apply} noValidate>
      <h2 id={headingId}>Scenario</h2>
      <fieldset className="fz-editor-section">
        <legend>Guest and run</legend>
        <TextFields specs={GUEST_AND_RUN} {...texts} />
      </fieldset>
      <fieldset className="fz-editor-section">
        <legend>Strategy</legend>
        <SelectField
          label="Strategy"
          value={draft.strategy}
          error={check.errors.strategy}
          options={STRATEGY_OPTIONS}
          hint={STRATEGY_CHOICES.find((s) => s.name === draft.strategy)?.description}
          onChange={(strategy) => set({ strategy })}
        />
        <TextFields specs={BATCH} {...texts} />
        <SelectField
          label="Lock-break policy"
          value={draft.lockBreak}
          options={LOCK_BREAK_OPTIONS}
          onChange={(lockBreak) => set({ lockBreak })}
        />
        {draft.lockBreak === 'resched-only' ? <TextFields specs={RESCHED} {...texts} /> : null}
      </fieldset>
      <GroupFields groups={draft.groups} errors={check.errors} onChange={(groups) => set({ groups })} />
      <ScriptFields script={draft.script} errors={check.errors} onChange={(script) => set({ script })} />
      {check.errors.form ? <p className="fz-field-error">{check.errors.form}</p> : null}
      <div className="fz-editor-actions">
        <button type="submit" className="fz-btn fz-btn-primary" disabled={!check.scenario} aria-describedby={`${statusId} ${warningId}`}>
          Apply (restarts the run)
        </button>
        {reset ? (
          <button type="button" className="fz-btn" onClick={reset}>
            Reset to preset
          </button>
        ) : null}
        <p id={statusId} role="status" className="fz-editor-status">
          {status}
        </p>
      </div>
      <p id={warningId} className={budget ? 'fz-editor-warning' : undefined} aria-live="polite">
        {budget ? `Warning: ${budget.text}` : null}
      </p>
    </form>
  );
}
