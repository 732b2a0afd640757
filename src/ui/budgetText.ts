/**
 * What the app says about a run's budget (RUN_BUDGET in src/scenario/limits.ts): before it runs,
 * from the estimate (cost.ts), and once the worker has cut it, from what it reports. And the
 * shorter run it offers instead. Pure: the editor, the notice and tests share it.
 */
import type { RunCut } from '../protocol/messages.ts';
import { plannedCut, type RunEstimate } from '../scenario/cost.ts';
import { RUN_BUDGET } from '../scenario/limits.ts';
import type { Scenario } from '../scenario/schema.ts';
import { formatCompact, formatNs } from '../trace/format.ts';

/** The schema's shortest run. */
const MIN_DURATION_NS = 1000;

/** A duration to shorten a run to: `ns` rounded down to two significant figures, at least 1 µs. */
export function shortDuration(ns: number): number {
  if (!(ns > MIN_DURATION_NS)) return MIN_DURATION_NS;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(ns)) - 1);
  return Math.max(MIN_DURATION_NS, Math.floor(ns / unit) * unit);
}

/** `sc` with its duration set to `durationNs` (scripted actions after it dropped, as the schema asks). */
export function shortened(sc: Scenario, durationNs: number): Scenario {
  return { ...sc, durationNs, script: sc.script.filter((e) => e.atNs <= durationNs) };
}

const MIB = 1024 * 1024;

/** A warning, and the duration that would fit. */
export interface BudgetMessage {
  readonly text: string;
  readonly shortenTo: number;
}

/** Before the run: what it would need, and where it will be cut (null when it fits). */
export function plannedMessage(e: RunEstimate): BudgetMessage | null {
  const cut = plannedCut(e);
  if (!cut) return null;
  const need =
    cut.reason === 'events'
      ? `~${formatCompact(e.events)} events (the limit is ${formatCompact(RUN_BUDGET.maxEvents)})`
      : `~${formatCompact(e.guestAccesses)} simulated guest memory accesses (the limit is ${formatCompact(RUN_BUDGET.maxGuestAccesses)})`;
  return {
    text: `This run would need ${need}: it will be cut at about ${formatNs(cut.atNs)} of ${formatNs(e.durationNs)}.`,
    shortenTo: shortDuration(cut.atNs),
  };
}

/** Once cut: what is shown, and what the whole run would have needed. */
export function cutMessage(cut: RunCut, e: RunEstimate): BudgetMessage {
  const shown = `Showing the first ${formatNs(cut.atNs)} of ${formatNs(e.durationNs)}`;
  // What the run so far says of the whole, or the estimate if that is more.
  const events = Math.max(e.events, cut.atNs > 0 ? Math.round((cut.events * e.durationNs) / cut.atNs) : 0);
  const why =
    cut.reason === 'events'
      ? `the run would need ~${formatCompact(events)} events, and the limit is ${formatCompact(RUN_BUDGET.maxEvents)}`
      : cut.reason === 'memory'
        ? `its log and checkpoints reached ${Math.round(cut.bytes / MIB)} MiB, the limit is ${Math.round(RUN_BUDGET.maxBytes / MIB)} MiB (the run would need ~${formatCompact(events)} events)`
        : `the run would simulate ~${formatCompact(e.guestAccesses)} guest memory accesses, and the limit is ${formatCompact(RUN_BUDGET.maxGuestAccesses)}`;
  return { text: `${shown}: ${why}.`, shortenTo: shortDuration(cut.atNs) };
}
