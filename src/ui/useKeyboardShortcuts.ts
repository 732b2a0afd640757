import { useEffect, useRef } from 'react';
import type { TimeCommands } from './controls/TimeControls.tsx';

/** The keys' handlers: the time controls' steps and speed, and the ones only keys have. */
export interface ShortcutHandlers extends Pick<
  TimeCommands,
  'stepForward' | 'stepBack' | 'nextLandmark' | 'prevLandmark' | 'faster' | 'slower'
> {
  readonly togglePlay: () => void;
  readonly toggleHelp: () => void;
  readonly closeHelp: () => void;
  readonly toggleLargeType: () => void;
  /** Stop computing ahead, or continue after a stop. */
  readonly toggleComputing: () => void;
}

/** Elements that use keys themselves: typing, selects, sliders (arrows), the forest (arrows). */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (
    target.closest(
      'input:not([type=range]):not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable=""], [contenteditable=true]',
    )
  )
    return true;
  const arrows = key.startsWith('Arrow') || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown';
  if (arrows && target.closest('input[type=range]')) return true;
  if (arrows && target.closest('[data-keyscope=forest]')) return true;
  // Space and Enter activate the focused button natively.
  if ((key === ' ' || key === 'Enter') && target.closest('button, a, summary, [role=button], input[type=checkbox], input[type=radio]'))
    return true;
  return false;
}

/** Global keys: Space, ←/→, Shift+←/→, PageUp/PageDown, +/−, ?, Escape, L, S. Off when the user turns single-key shortcuts off (WCAG 2.1.4). */
export function useKeyboardShortcuts(handlers: ShortcutHandlers, enabled: boolean): void {
  const h = useRef(handlers);
  useEffect(() => {
    h.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (ownsKey(e.target, e.key)) return;
      const k = h.current;
      let done = true;
      switch (e.key) {
        case ' ':
          k.togglePlay();
          break;
        case 'ArrowRight':
          if (e.shiftKey) k.nextLandmark();
          else k.stepForward();
          break;
        case 'ArrowLeft':
          if (e.shiftKey) k.prevLandmark();
          else k.stepBack();
          break;
        case 'PageDown':
          k.nextLandmark();
          break;
        case 'PageUp':
          k.prevLandmark();
          break;
        case '+':
        case '=':
          k.faster();
          break;
        case '-':
        case '_':
          k.slower();
          break;
        case '?':
          k.toggleHelp();
          break;
        case 'Escape':
          k.closeHelp();
          done = false;
          break;
        case 'l':
        case 'L':
          k.toggleLargeType();
          break;
        case 's':
        case 'S':
          k.toggleComputing();
          break;
        default:
          done = false;
      }
      if (done) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
