/**
 * How each page state is drawn: colour (Okabe–Ito, safe for the common colour-vision
 * deficiencies) AND fill pattern AND border AND words, so no state depends on colour alone.
 * The legend, the forest, the strip and the aggregated view all read this one table.
 */
import type { PageState } from '../trace/frame.ts';

type Pattern = 'solid' | 'hatch' | 'cross' | 'dots' | 'none';

export interface StateStyle {
  readonly state: PageState;
  /** Main colour (fill or pattern ink). */
  readonly color: string;
  /** Background under a pattern. */
  readonly fill: string;
  readonly pattern: Pattern;
  readonly stroke: string;
  readonly strokeWidth: number;
  /** SVG stroke-dasharray, or '' for a solid border. */
  readonly dash: string;
  /** Text colour inside the node. */
  readonly ink: string;
  /** Word drawn next to the page and in the legend. */
  readonly label: string;
  /** One-line explanation for the legend. */
  readonly meaning: string;
}

export const STATE_STYLES: Readonly<Record<PageState, StateStyle>> = {
  valid: {
    state: 'valid',
    color: '#0072B2',
    fill: '#0072B2',
    pattern: 'solid',
    stroke: '#003f63',
    strokeWidth: 1.5,
    dash: '',
    ink: '#ffffff',
    label: 'valid',
    meaning: 'sp->mmu_valid_gen equals the global generation: usable',
  },
  obsolete: {
    state: 'obsolete',
    color: '#B86F00',
    fill: '#FBE3B0',
    pattern: 'hatch',
    stroke: '#8a5300',
    strokeWidth: 1.5,
    dash: '',
    ink: '#3d2500',
    label: 'old gen',
    meaning: 'sp->mmu_valid_gen differs from the global generation (is_obsolete_sp): never used again, waits for the zapper',
  },
  'invalid-root': {
    state: 'invalid-root',
    color: '#D55E00',
    fill: '#FFE1CC',
    pattern: 'none',
    stroke: '#D55E00',
    strokeWidth: 3.5,
    dash: '7 4',
    ink: '#5a2600',
    label: 'invalid root',
    meaning: 'zapped while a vCPU still uses it as root (root_count > 0): role.invalid set, parked at the head',
  },
  zapped: {
    state: 'zapped',
    color: '#A23A7E',
    fill: '#F5DCEB',
    pattern: 'cross',
    stroke: '#A23A7E',
    strokeWidth: 1.5,
    dash: '2 2',
    ink: '#4a1138',
    label: 'zapped',
    meaning: 'prepared by kvm_mmu_prepare_zap_page: on the zap list, freed at the commit',
  },
  freed: {
    state: 'freed',
    color: '#8a8a8a',
    fill: 'transparent',
    pattern: 'dots',
    stroke: '#8a8a8a',
    strokeWidth: 1,
    dash: '1 3',
    ink: '#555555',
    label: 'freed',
    meaning: 'returned to the allocator by kvm_mmu_commit_zap_page (fades out)',
  },
};

/** The SVG <pattern> id for a state's fill (the forest and the strip define them once). */
export function patternId(state: PageState): string {
  return `fz-pat-${state}`;
}

/** The fill attribute for a state: a pattern reference, a plain colour, or nothing. */
export function fillFor(state: PageState): string {
  const s = STATE_STYLES[state];
  if (s.pattern === 'solid') return s.fill;
  if (s.pattern === 'none') return s.fill;
  return `url(#${patternId(state)})`;
}

/** Level names as the kernel documentation uses them (EPT, 4 levels). */
export function levelName(level: number): string {
  switch (level) {
    case 4:
      return 'PML4 (root)';
    case 3:
      return 'PDPT';
    case 2:
      return 'PD';
    case 1:
      return 'PT';
    default:
      return `level ${level}`;
  }
}
