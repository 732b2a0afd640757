import type { SimEventType } from '../../sim/public.ts';
import { formatNs } from '../../trace/format.ts';

interface ScrubberLandmark {
  readonly i: number;
  readonly type: SimEventType;
}

export interface ScrubberProps {
  readonly cursor: number;
  /** Events computed so far (the scrubber's end). */
  readonly total: number;
  readonly tNs: number;
  readonly landmarks: readonly ScrubberLandmark[];
  readonly disabled: boolean;
  readonly onSeek: (cursor: number) => void;
}

const TICK_CLASS: Partial<Record<SimEventType, string>> = {
  'gen.bumped': 'bump',
  'invalidation.started': 'bump',
  'lock.broken': 'break',
  'reload.serviced': 'reload',
  'invalidation.done': 'done',
  'root.parked': 'parked',
  'shrink.done': 'shrink',
};

/** The timeline: a range input over the event log, with landmark ticks under it. */
export function Scrubber({ cursor, total, tNs, landmarks, disabled, onSeek }: ScrubberProps) {
  const max = Math.max(1, total);
  // One tick per pixel column is plenty; thin dense runs (a long zap has many breaks).
  const shown: ScrubberLandmark[] = [];
  let lastPos = -1;
  for (const l of landmarks) {
    const pos = Math.round(((l.i + 1) / max) * 600);
    if (pos !== lastPos || l.type === 'gen.bumped') shown.push(l);
    lastPos = pos;
  }
  return (
    <div className="fz-scrubber">
      <div className="fz-scrubber-track">
        <input
          type="range"
          min={0}
          max={max}
          step={1}
          value={Math.min(cursor, max)}
          disabled={disabled}
          aria-label="Timeline"
          aria-valuetext={`event ${cursor.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}, ${formatNs(tNs)}`}
          onChange={(e) => onSeek(Number(e.currentTarget.value))}
        />
        <div className="fz-ticks" aria-hidden="true">
          {shown.map((l) => (
            <span
              key={l.i}
              className={`fz-tick fz-tick-${TICK_CLASS[l.type] ?? 'other'}`}
              style={{ left: `${((l.i + 1) / max) * 100}%` }}
              title={`${l.type} (event ${l.i})`}
            />
          ))}
        </div>
      </div>
      <div className="fz-clock" aria-live="off">
        <span className="fz-clock-time">{formatNs(tNs)}</span>
        <span className="fz-clock-event">{`event ${cursor.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`}</span>
      </div>
    </div>
  );
}
