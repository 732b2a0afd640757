import { useMemo } from 'react';
import { useActions } from '../../state/hooks.ts';
import type { TimeCommands } from '../controls/TimeControls.tsx';
import { fire } from './helpers.ts';

/** The store's playback actions as the time controls and the shortcuts call them (a step's promise fired, not awaited). */
export function useTimeCommands(): TimeCommands {
  const a = useActions();
  return useMemo(
    () => ({
      play: a.play,
      pause: a.pause,
      stepBack: () => fire(a.stepBack()),
      stepForward: () => fire(a.stepForward()),
      prevLandmark: () => fire(a.prevLandmark()),
      nextLandmark: () => fire(a.nextLandmark()),
      slower: a.slower,
      faster: a.faster,
      setSpeedIndex: a.setSpeedIndex,
    }),
    [a],
  );
}
