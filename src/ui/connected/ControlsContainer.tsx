import type { Landmark } from '../../protocol/messages.ts';
import { SPEEDS_NS_PER_S } from '../../state/speed.ts';
import { useShallow } from 'zustand/react/shallow';
import { MAIN_SIM, useActions, useFastZap, useFrameValue, useSimValue, useSpeed } from '../../state/hooks.ts';
import type { FastZapState, SimSlot } from '../../state/types.ts';
import { Scrubber } from '../controls/Scrubber.tsx';
import { TimeControls } from '../controls/TimeControls.tsx';
import { ProgressIndicator } from '../ProgressIndicator.tsx';
import { fire } from './helpers.ts';
import { useTimeCommands } from './useTimeCommands.ts';

const NO_LANDMARKS: readonly Landmark[] = [];

/** Can the time controls act (a run is loaded and shown)? */
const isReady = (slot: SimSlot | undefined) => slot?.status === 'ready' && slot.frame !== null;
const useReady = () => useSimValue(isReady);

/** Where the run is, for the time controls: plain values, compared shallowly. */
function timeState(s: FastZapState) {
  const slot = s.sims[MAIN_SIM];
  const cursor = slot?.frame?.cursor;
  return {
    playing: s.playback.playing,
    ready: isReady(slot),
    atStart: cursor === undefined || cursor === 0,
    atEnd: (cursor ?? 0) >= (slot?.progress?.events ?? 0) && ((slot?.progress?.done ?? false) || (slot?.computeStopped ?? false)),
  };
}

function TimeControlsContainer() {
  const state = useFastZap(useShallow(timeState));
  const speed = useSpeed();
  const commands = useTimeCommands();
  return <TimeControls {...state} speed={speed} speedCount={SPEEDS_NS_PER_S.length} commands={commands} />;
}

function ProgressContainer() {
  const loading = useSimValue((s) => s?.status === 'loading');
  const computing = useSimValue((s) => s?.computing ?? false);
  const stopped = useSimValue((s) => s?.computeStopped ?? false);
  const reachedNs = useSimValue((s) => s?.progress?.reachedNs ?? 0);
  const durationNs = useSimValue((s) => s?.progress?.durationNs ?? 0);
  const done = useSimValue((s) => s?.progress?.done ?? false);
  const a = useActions();
  return (
    <ProgressIndicator
      loading={loading}
      computing={computing}
      stopped={stopped}
      reachedNs={reachedNs}
      durationNs={durationNs}
      done={done}
      onStop={a.stopComputing}
      onContinue={a.continueComputing}
    />
  );
}

function ScrubberContainer() {
  const ready = useReady();
  const cursor = useFrameValue((f) => f.cursor, 0);
  const tNs = useFrameValue((f) => f.tNs, 0);
  const total = useSimValue((s) => s?.progress?.events ?? 0);
  const landmarks = useSimValue((s) => s?.landmarks ?? NO_LANDMARKS);
  const a = useActions();
  return <Scrubber cursor={cursor} total={total} tNs={tNs} landmarks={landmarks} disabled={!ready} onSeek={(c) => fire(a.seek(c))} />;
}

/** Time controls, the progress of the computation and the timeline, each wired to what it shows. */
export function ControlsContainer() {
  return (
    <footer className="fz-controls">
      <TimeControlsContainer />
      <ProgressContainer />
      <ScrubberContainer />
    </footer>
  );
}
