import { formatNs } from '../trace/format.ts';

export interface ProgressIndicatorProps {
  readonly loading: boolean;
  readonly computing: boolean;
  readonly tNs: number;
  readonly durationNs: number;
  readonly done: boolean;
}

/** While the worker computes: how much simulated time is ready. Silent once the run is done. */
export function ProgressIndicator({ loading, computing, tNs, durationNs, done }: ProgressIndicatorProps) {
  const busy = loading || (computing && !done);
  const pct = durationNs > 0 ? Math.min(100, (tNs / durationNs) * 100) : 0;
  return (
    <div className={`fz-progress${busy ? ' is-busy' : ''}`} role="status" aria-live="polite">
      {busy && (
        <>
          <span className="fz-spinner" aria-hidden="true" />
          <span>{loading ? 'Loading the scenario…' : `Computing: ${formatNs(tNs)} of ${formatNs(durationNs)}`}</span>
          {!loading && <progress max={100} value={pct} aria-label="Simulation computed" />}
        </>
      )}
    </div>
  );
}
