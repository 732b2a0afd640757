/** Small SVG icons (font glyphs for these are missing on many systems). Decorative: aria-hidden. */
export type IconName = 'play' | 'pause' | 'step-back' | 'step-forward' | 'prev-landmark' | 'next-landmark' | 'lock' | 'unlock';

const PATHS: Record<IconName, string> = {
  play: 'M4 2 L14 8 L4 14 Z',
  pause: 'M3 2 H6.5 V14 H3 Z M9.5 2 H13 V14 H9.5 Z',
  'step-back': 'M12 2 L4 8 L12 14 Z M2 2 H4 V14 H2 Z',
  'step-forward': 'M4 2 L12 8 L4 14 Z M12 2 H14 V14 H12 Z',
  'prev-landmark': 'M8 2 L1 8 L8 14 Z M15 2 L8 8 L15 14 Z',
  'next-landmark': 'M1 2 L8 8 L1 14 Z M8 2 L15 8 L8 14 Z',
  lock: 'M4 7 V5 A4 4 0 0 1 12 5 V7 H13 V15 H3 V7 Z M6 7 H10 V5 A2 2 0 0 0 6 5 Z',
  unlock: 'M4 7 V5 A4 4 0 0 1 12 5 H10 A2 2 0 0 0 6 5 V7 H13 V15 H3 V7 Z',
};

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" focusable="false" className="fz-icon">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
