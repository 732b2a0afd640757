import { memo } from 'react';
import { FREED_WINDOW, type PageView } from '../../trace/frame.ts';
import { levelName } from '../../viz/encoding.ts';
import type { LabelTier } from '../../viz/fit.ts';
import type { ForestLayout } from '../../viz/layout.ts';
import { freedOpacity } from '../../viz/tween.ts';
import { PageNode } from './PageNode.tsx';
import { MAX_LEVEL, ROW_GAP, bandLabelY, nodeHeight } from './geometry.ts';

export interface ForestLayerProps {
  readonly layout: ForestLayout;
  readonly pages: readonly PageView[];
  readonly widths: ReadonlyMap<number, number>;
  readonly tier: LabelTier;
  readonly globalGen: number;
  readonly cursor: number;
  readonly selected: number | null;
  /** The page in the tab order. */
  readonly focusId: number | null;
  readonly onSelect: (id: number) => void;
  /** x of the level captions (left of what the camera shows). */
  readonly captionX: number;
}

function ForestLayerImpl({ layout, pages, widths, tier, globalGen, cursor, selected, focusId, onSelect, captionX }: ForestLayerProps) {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const left = captionX;
  const labelY = bandLabelY(layout);
  const l1Top = (MAX_LEVEL - 1) * ROW_GAP - nodeHeight(1) / 2;
  return (
    <g className="fz-forest-layer">
      <g className="fz-row-captions" aria-hidden="true">
        {Array.from({ length: MAX_LEVEL }, (_, i) => MAX_LEVEL - i).map((level) => (
          <text key={level} x={left} y={(MAX_LEVEL - level) * ROW_GAP} className="fz-row-caption">
            <tspan x={left} dy="-0.2em">{`L${level}`}</tspan>
            <tspan x={left} dy="1.2em" className="fz-row-sub">
              {levelName(level).replace(' (root)', '')}
            </tspan>
          </text>
        ))}
      </g>
      <g className="fz-band-captions">
        {layout.bands.map((b) => (
          <text key={b.epoch} x={(b.x0 + b.x1) / 2} y={labelY} className={`fz-band-caption${b.gen === globalGen ? ' is-current' : ''}`}>
            {b.gen === globalGen ? `generation ${b.gen} · current` : `generation ${b.gen} · old gen`}
          </text>
        ))}
      </g>
      <g className="fz-edges" aria-hidden="true">
        {layout.folded &&
          [...layout.nodes.values()]
            .filter((n) => n.level === 2)
            .map((n) => (
              <path key={`fold-${n.id}`} className="fz-edge fz-edge-fold" d={`M${n.x},${n.y + nodeHeight(2) / 2} V${l1Top - 6}`} />
            ))}
        {layout.edges.map((e) => {
          const a = layout.nodes.get(e.source);
          const b = layout.nodes.get(e.target);
          const child = byId.get(e.target);
          if (!a || !b || !child) return null;
          const y0 = a.y + nodeHeight(a.level) / 2;
          const y1 = b.y - nodeHeight(b.level) / 2;
          const my = (y0 + y1) / 2;
          return (
            <path
              key={`${e.source}-${e.target}`}
              className={`fz-edge fz-edge-${child.state}`}
              d={`M${a.x},${y0} C${a.x},${my} ${b.x},${my} ${b.x},${y1}`}
            />
          );
        })}
      </g>
      <g className="fz-nodes">
        {pages.map((p) => {
          const n = layout.nodes.get(p.id);
          if (!n) return null;
          return (
            <PageNode
              key={p.id}
              id={p.id}
              level={p.level}
              gen={p.gen}
              gfn={p.gfn}
              state={p.state}
              rootCount={p.rootCount}
              orphan={n.orphan && (p.state === 'valid' || p.state === 'obsolete')}
              x={n.x}
              y={n.y}
              width={widths.get(p.id) ?? 20}
              height={nodeHeight(p.level)}
              opacity={p.freedAt !== null ? 0.15 + 0.6 * freedOpacity(p.freedAt, cursor, FREED_WINDOW) : 1}
              tier={tier}
              selected={selected === p.id}
              focusable={focusId === p.id}
              changedNow={p.changedAt === cursor - 1 && p.state !== 'valid'}
              changedAt={p.changedAt}
              onSelect={onSelect}
            />
          );
        })}
      </g>
    </g>
  );
}

export const ForestLayer = memo(ForestLayerImpl);
