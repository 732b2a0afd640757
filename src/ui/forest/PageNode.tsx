import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { PageState } from '../../trace/frame.ts';
import { STATE_STYLES, fillFor, levelName } from '../../viz/encoding.ts';
import type { LabelTier } from '../../viz/fit.ts';
import { hexGfn } from '../../trace/format.ts';

export interface PageNodeProps {
  readonly id: number;
  readonly level: number;
  readonly gen: number;
  readonly gfn: number;
  readonly state: PageState;
  readonly rootCount: number;
  readonly orphan: boolean;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly opacity: number;
  readonly tier: LabelTier;
  readonly selected: boolean;
  /** In the tab order (the roving tabindex of the forest). */
  readonly focusable: boolean;
  /** Changed state in the event just applied: pulse once. */
  readonly changedNow: boolean;
  readonly changedAt: number;
  readonly onSelect: (id: number) => void;
}

const SHORT_LEVEL: Record<number, string> = { 4: 'L4 root', 3: 'L3', 2: 'L2', 1: 'L1' };

/** The words a screen reader (and the tooltip) gives for a page. */
function pageLabel(p: {
  id: number;
  level: number;
  gfn: number;
  gen: number;
  state: PageState;
  rootCount: number;
  orphan: boolean;
}): string {
  const parts = [
    `Page ${p.id}`,
    `level ${p.level} ${levelName(p.level)}`,
    `gfn ${hexGfn(p.gfn)}`,
    `generation ${p.gen}`,
    STATE_STYLES[p.state].label,
  ];
  if (p.rootCount > 0) parts.push(`root of ${p.rootCount} vCPU${p.rootCount === 1 ? '' : 's'}`);
  if (p.orphan) parts.push('no parent');
  return parts.join(', ');
}

function PageNodeImpl(p: PageNodeProps) {
  const s = STATE_STYLES[p.state];
  const w = p.width;
  const h = p.height;
  const wide = w >= 58;
  const label = pageLabel(p);
  const onClick = (e: MouseEvent) => {
    e.stopPropagation();
    p.onSelect(p.id);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      p.onSelect(p.id);
    }
  };
  return (
    <g
      className={`fz-page fz-state-${p.state}${p.selected ? ' is-selected' : ''}`}
      style={{ transform: `translate(${p.x}px, ${p.y}px)`, opacity: p.opacity }}
      data-page-id={p.id}
      data-level={p.level}
      data-gen={p.gen}
      data-state={p.state}
      role="button"
      aria-pressed={p.selected}
      aria-label={label}
      tabIndex={p.focusable ? 0 : -1}
      onClick={onClick}
      onKeyDown={onKey}
    >
      <title>{label}</title>
      {p.orphan && (
        <path className="fz-orphan-stub" d={`M0 ${-h / 2} V${-h / 2 - 16} M-5 ${-h / 2 - 21} l10 10 M5 ${-h / 2 - 21} l-10 10`} />
      )}
      {p.changedNow && <rect key={p.changedAt} className="fz-pulse" x={-w / 2 - 4} y={-h / 2 - 4} width={w + 8} height={h + 8} rx={6} />}
      {p.selected && <rect className="fz-select-ring" x={-w / 2 - 5} y={-h / 2 - 5} width={w + 10} height={h + 10} rx={7} />}
      <rect
        className="fz-page-box"
        x={-w / 2}
        y={-h / 2}
        width={w}
        height={h}
        rx={4}
        fill={fillFor(p.state)}
        stroke={s.stroke}
        strokeWidth={s.strokeWidth}
        strokeDasharray={s.dash || undefined}
      />
      {p.tier !== 'none' && (
        <text className="fz-page-text" y={1} fill={s.ink} fontSize={wide ? 13 : 12}>
          {wide ? `${SHORT_LEVEL[p.level] ?? `L${p.level}`} · g${p.gen}` : p.gen}
        </text>
      )}
      {p.tier !== 'none' && wide && p.state !== 'valid' && (
        <text className="fz-page-state" y={h / 2 + 13}>
          {s.label}
        </text>
      )}
      {p.tier === 'full' && !wide && p.state !== 'valid' && (
        <text className="fz-page-state fz-small" y={h / 2 + 10}>
          {SMALL_WORD[p.state]}
        </text>
      )}
      {p.rootCount > 0 && p.tier !== 'none' && (
        <g className="fz-rootcount" transform={`translate(${w / 2}, ${-h / 2})`}>
          <circle r={9} />
          <text y={1}>{`×${p.rootCount}`}</text>
        </g>
      )}
    </g>
  );
}

const SMALL_WORD: Record<PageState, string> = { valid: '', obsolete: 'old', 'invalid-root': 'inval', zapped: 'zap', freed: 'freed' };

export const PageNode = memo(PageNodeImpl);
