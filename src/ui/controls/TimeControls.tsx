import type { ReactNode } from 'react';
import { Icon, type IconName } from '../Icon.tsx';

interface SpeedInfo {
  readonly index: number;
  readonly label: string;
  readonly min: boolean;
  readonly max: boolean;
}

/** What the time controls do; the shortcuts (useKeyboardShortcuts.ts) use the same names. */
export interface TimeCommands {
  readonly play: () => void;
  readonly pause: () => void;
  readonly stepBack: () => void;
  readonly stepForward: () => void;
  readonly prevLandmark: () => void;
  readonly nextLandmark: () => void;
  readonly slower: () => void;
  readonly faster: () => void;
  readonly setSpeedIndex: (i: number) => void;
}

export interface TimeControlsProps {
  readonly playing: boolean;
  readonly ready: boolean;
  readonly atStart: boolean;
  readonly atEnd: boolean;
  readonly speed: SpeedInfo;
  /** Number of speed steps (the slider's range is [0, count - 1], logarithmic in speed). */
  readonly speedCount: number;
  readonly commands: TimeCommands;
}

type StepCommand = 'prevLandmark' | 'stepBack' | 'stepForward' | 'nextLandmark';

/** The step buttons: name, title (with the shortcut), icon, and the end of the run that disables them. */
const STEPS: Record<StepCommand, { label: string; title: string; icon: IconName; end: 'atStart' | 'atEnd' }> = {
  prevLandmark: { label: 'Previous landmark', title: 'Previous landmark (Shift+←)', icon: 'prev-landmark', end: 'atStart' },
  stepBack: { label: 'Step back', title: 'Step back one event (←)', icon: 'step-back', end: 'atStart' },
  stepForward: { label: 'Step forward', title: 'Step forward one event (→)', icon: 'step-forward', end: 'atEnd' },
  nextLandmark: { label: 'Next landmark', title: 'Next landmark (Shift+→)', icon: 'next-landmark', end: 'atEnd' },
};

/** Play/pause, steps, landmarks and speed. Every button has a name and its shortcut in the title. */
export function TimeControls(p: TimeControlsProps) {
  const c = p.commands;
  const step = (command: StepCommand) => {
    const s = STEPS[command];
    return (
      <ControlButton label={s.label} title={s.title} onClick={c[command]} disabled={!p.ready || p[s.end]}>
        <Icon name={s.icon} />
      </ControlButton>
    );
  };
  return (
    <div className="fz-time-controls" role="group" aria-label="Time controls">
      {step('prevLandmark')}
      {step('stepBack')}
      {p.playing ? (
        <ControlButton className="fz-btn fz-btn-primary fz-play" label="Pause" title="Pause (Space)" onClick={c.pause}>
          <Icon name="pause" />
        </ControlButton>
      ) : (
        <ControlButton className="fz-btn fz-btn-primary fz-play" label="Play" title="Play (Space)" onClick={c.play} disabled={!p.ready}>
          <Icon name="play" />
        </ControlButton>
      )}
      {step('stepForward')}
      {step('nextLandmark')}
      <div className="fz-speed" role="group" aria-label="Playback speed">
        <ControlButton className="fz-btn fz-btn-small" label="Slower" title="Slower (−)" onClick={c.slower} disabled={p.speed.min}>
          −
        </ControlButton>
        <input
          type="range"
          min={0}
          max={p.speedCount - 1}
          step={1}
          value={p.speed.index}
          aria-label="Speed"
          aria-valuetext={`${p.speed.label} of simulated time per second`}
          onChange={(e) => c.setSpeedIndex(Number(e.currentTarget.value))}
        />
        <ControlButton className="fz-btn fz-btn-small" label="Faster" title="Faster (+)" onClick={c.faster} disabled={p.speed.max}>
          +
        </ControlButton>
        <output className="fz-speed-label" aria-live="off">
          {p.speed.label}
        </output>
      </div>
    </div>
  );
}

interface ControlButtonProps {
  readonly label: string;
  readonly title: string;
  readonly onClick: () => void;
  readonly disabled?: boolean;
  readonly className?: string;
  readonly children: ReactNode;
}

function ControlButton({ label, title, onClick, disabled, className = 'fz-btn', children }: ControlButtonProps) {
  return (
    <button type="button" className={className} onClick={onClick} disabled={disabled} aria-label={label} title={title}>
      {children}
    </button>
  );
}
