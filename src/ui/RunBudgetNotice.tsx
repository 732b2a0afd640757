import './budget.css';
import { formatNs } from '../trace/format.ts';

export interface RunBudgetNoticeProps {
  /** What was (or will be) cut, and why. */
  readonly text: string;
  /** The duration that fits. */
  readonly shortenTo: number;
  readonly onShorten: () => void;
  readonly onDismiss: () => void;
}

/** A run cut by its budget (or about to be): announced at once, with a shorter run that fits. */
export function RunBudgetNotice({ text, shortenTo, onShorten, onDismiss }: RunBudgetNoticeProps) {
  return (
    <div className="fz-budget" role="alert">
      <span aria-hidden="true">⚠</span>
      <p className="fz-budget-text">{text}</p>
      <button type="button" className="fz-btn fz-btn-small" onClick={onShorten}>
        Shorten the run to {formatNs(shortenTo)}
      </button>
      <button type="button" className="fz-btn fz-btn-small" onClick={onDismiss} aria-label="Dismiss the run limit message">
        Dismiss
      </button>
    </div>
  );
}
