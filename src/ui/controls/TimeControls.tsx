import { Icon } from '../Icon.tsx';

interface SpeedInfo {
  readonly index: number;
  readonly label: string;
  readonly min: boolean;
  readonly max: boolean;
}

export interface TimeControlsProps {
  readonly playing: boolean;
  readonly ready: boolean;
  readonly atStart: boolean;
  readonly atEnd: boolean;
  readonly speed: SpeedInfo;
  /** Number of speed steps (the slider's range is [0, count - 1], logarithmic in speed). */
  readonly speedCount: number;
  readonly onPlay: () => void;
  readonly onPause: () => void;
  readonly onStepBack: () => void;
  readonly onStepForward: () => void;
  readonly onPrevLandmark: () => void;
  readonly onNextLandmark: () => void;
  readonly onSpeedIndex: (i: number) => void;
  readonly onSlower: () => void;
  readonly onFaster: () => void;
}

/** Play/pause, steps, landmarks and speed. Every button has a name and its shortcut in the title. */
export function TimeControls(p: TimeControlsProps) {
  return (
    <div className="fz-time-controls" role="group" aria-label="Time controls">
      <button
        type="button"
        className="fz-btn"
        onClick={p.onPrevLandmark}
        disabled={!p.ready || p.atStart}
        aria-label="Previous landmark"
        title="Previous landmark (Shift+←)"
      >
        <Icon name="prev-landmark" />
      </button>
      <button
        type="button"
        className="fz-btn"
        onClick={p.onStepBack}
        disabled={!p.ready || p.atStart}
        aria-label="Step back"
        title="Step back one event (←)"
      >
        <Icon name="step-back" />
      </button>
      {p.playing ? (
        <button type="button" className="fz-btn fz-btn-primary fz-play" onClick={p.onPause} aria-label="Pause" title="Pause (Space)">
          <Icon name="pause" />
        </button>
      ) : (
        <button
          type="button"
          className="fz-btn fz-btn-primary fz-play"
          onClick={p.onPlay}
          disabled={!p.ready}
          aria-label="Play"
          title="Play (Space)"
        >
          <Icon name="play" />
        </button>
      )}
      <button
        type="button"
        className="fz-btn"
        onClick={p.onStepForward}
        disabled={!p.ready || p.atEnd}
        aria-label="Step forward"
        title="Step forward one event (→)"
      >
        <Icon name="step-forward" />
      </button>
      <button
        type="button"
        className="fz-btn"
        onClick={p.onNextLandmark}
        disabled={!p.ready || p.atEnd}
        aria-label="Next landmark"
        title="Next landmark (Shift+→)"
      >
        <Icon name="next-landmark" />
      </button>
      <div className="fz-speed" role="group" aria-label="Playback speed">
        <button
          type="button"
          className="fz-btn fz-btn-small"
          onClick={p.onSlower}
          disabled={p.speed.min}
          aria-label="Slower"
          title="Slower (−)"
        >
          −
        </button>
        <input
          type="range"
          min={0}
          max={p.speedCount - 1}
          step={1}
          value={p.speed.index}
          aria-label="Speed"
          aria-valuetext={`${p.speed.label} of simulated time per second`}
          onChange={(e) => p.onSpeedIndex(Number(e.currentTarget.value))}
        />
        <button
          type="button"
          className="fz-btn fz-btn-small"
          onClick={p.onFaster}
          disabled={p.speed.max}
          aria-label="Faster"
          title="Faster (+)"
        >
          +
        </button>
        <output className="fz-speed-label" aria-live="off">
          {p.speed.label}
        </output>
      </div>
    </div>
  );
}
