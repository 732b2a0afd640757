import { useMemo, useState } from 'react';
import type { RunCut } from '../../protocol/messages.ts';
import { estimateRun } from '../../scenario/cost.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { MAIN_SIM, useSimValue, useStoreApi } from '../../state/hooks.ts';
import { cutMessage, plannedMessage, shortened } from '../budgetText.ts';
import { RunBudgetNotice } from '../RunBudgetNotice.tsx';
import type { RunRequest } from '../useRunLoader.ts';

export interface BudgetContainerProps {
  /** The preset the run is based on (kept by the shorter run). */
  readonly preset: string | null;
  readonly onLoad: (run: RunRequest) => void;
}

/** The cut as plain values (the progress object changes with every chunk; these do not). */
function useCut(): RunCut | null {
  const reason = useSimValue((s) => s?.progress?.cut?.reason ?? null);
  const atNs = useSimValue((s) => s?.progress?.cut?.atNs ?? 0);
  const events = useSimValue((s) => s?.progress?.cut?.events ?? 0);
  const bytes = useSimValue((s) => s?.progress?.cut?.bytes ?? 0);
  return useMemo(() => (reason ? { reason, atNs, events, bytes } : null), [reason, atNs, events, bytes]);
}

/**
 * The run's budget: as soon as a run is loaded whose estimate passes a budget, what it would need
 * and where it will be cut; once the worker cuts it, what is shown. Either way, a button reloads
 * it shortened to what fits, at the same moment.
 */
export function BudgetContainer({ preset, onLoad }: BudgetContainerProps) {
  const api = useStoreApi();
  const scenario = useSimValue((s) => s?.scenario ?? null);
  const cut = useCut();
  const estimate = useMemo(() => (scenario ? estimateRun(scenario) : null), [scenario]);
  const [dismissed, setDismissed] = useState<Scenario | null>(null);
  if (!scenario || !estimate || dismissed === scenario) return null;
  const message = cut ? cutMessage(cut, estimate) : plannedMessage(estimate);
  if (!message) return null;
  const shorten = () => {
    const st = api.getState();
    const slot = st.sims[MAIN_SIM];
    const events = slot?.progress?.events ?? 0;
    onLoad({
      scenario: shortened(scenario, message.shortenTo),
      preset,
      interventions: (slot?.meta?.interventions ?? []).filter((iv) => iv.atEvent <= events),
      cursor: Math.min(st.playback.cursor, events),
    });
  };
  return <RunBudgetNotice text={message.text} shortenTo={message.shortenTo} onShorten={shorten} onDismiss={() => setDismissed(scenario)} />;
}
