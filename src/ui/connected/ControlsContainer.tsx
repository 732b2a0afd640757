import { SPEEDS_NS_PER_S } from '../../state/speed.ts';
import { useActions, useFrame, usePlayback, useSim, useSpeed } from '../../state/hooks.ts';
import { Scrubber } from '../controls/Scrubber.tsx';
import { TimeControls } from '../controls/TimeControls.tsx';
import { ProgressIndicator } from '../ProgressIndicator.tsx';
import { fire } from './helpers.ts';

/** Time controls and the timeline, wired to the store. */
export function ControlsContainer() {
  const sim = useSim();
  const frame = useFrame();
  const playback = usePlayback();
  const speed = useSpeed();
  const a = useActions();
  const ready = sim?.status === 'ready' && frame !== null;
  const cursor = frame?.cursor ?? 0;
  const total = sim?.progress?.events ?? 0;
  const atEnd = cursor >= total && (sim?.progress?.done ?? false);
  return (
    <footer className="fz-controls">
      <TimeControls
        playing={playback.playing}
        ready={ready}
        atStart={cursor === 0}
        atEnd={atEnd}
        speed={speed}
        speedCount={SPEEDS_NS_PER_S.length}
        onPlay={() => a.play()}
        onPause={() => a.pause()}
        onStepBack={() => fire(a.stepBack())}
        onStepForward={() => fire(a.stepForward())}
        onPrevLandmark={() => fire(a.prevLandmark())}
        onNextLandmark={() => fire(a.nextLandmark())}
        onSpeedIndex={(i) => a.setSpeedIndex(i)}
        onSlower={() => a.slower()}
        onFaster={() => a.faster()}
      />
      <ProgressIndicator loading={sim?.status === 'loading'} computing={sim?.computing ?? false} tNs={sim?.progress?.tNs ?? 0} durationNs={sim?.progress?.durationNs ?? 0} done={sim?.progress?.done ?? false} />
      <Scrubber cursor={cursor} total={total} tNs={frame?.tNs ?? 0} landmarks={sim?.landmarks ?? []} disabled={!ready} onSeek={(c) => fire(a.seek(c))} />
    </footer>
  );
}
