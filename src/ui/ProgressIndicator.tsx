import { formatNs } from '../trace/format.ts';

export interface ProgressIndicatorProps {
  readonly loading: boolean;
  readonly computing: boolean;
  /** The user stopped computing ahead before the end. */
  readonly stopped: boolean;
  /** Simulated time computed so far (every step up to it has run). */
  readonly reachedNs: number;
  readonly durationNs: number;
  readonly done: boolean;
  readonly onStop: () => void;
  readonly onContinue: () => void;
}

/**
 * While the worker computes: how much simulated time is ready, and Stop computing (also the S
 * key), always there while it computes. After a stop: where it stopped, and Continue. Silent once
 * the run is done.
 */
export function ProgressIndicator({
  loading,
  computing,
  stopped,
  reachedNs,
  durationNs,
  done,
  onStop,
  onContinue,
}: ProgressIndicatorProps) {
  const busy = loading || (computing && !done && !stopped);
  const halted = stopped && !done && !loading;
  const pct = durationNs > 0 ? Math.min(100, (reachedNs / durationNs) * 100) : 0;
  const of = `${formatNs(reachedNs)} of ${formatNs(durationNs)}`;
  return (
    <div className={`fz-progress${busy ? ' is-busy' : ''}`}>
      <span role="status" aria-live="polite" className="fz-progress-text">
        {busy && (loading ? 'Loading the scenario…' : `Computing: ${of}`)}
        {halted && `Stopped computing at ${of}`}
      </span>
      {busy && <span className="fz-spinner" aria-hidden="true" />}
      {busy && !loading && <progress max={100} value={pct} aria-label="Simulation computed" />}
      {(busy || halted) && (
        <button
          type="button"
          className="fz-btn fz-btn-small"
          onClick={halted ? onContinue : onStop}
          title={halted ? 'Continue computing (S)' : 'Stop computing; what is computed stays usable (S)'}
        >
          {halted ? 'Continue computing' : 'Stop computing'}
        </button>
      )}
    </div>
  );
}
