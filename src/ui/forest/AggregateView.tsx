import { useState } from 'react';
import { PAGE_STATES, type AggregateCell, type PageState } from '../../trace/frame.ts';
import { STATE_STYLES, fillFor, levelName } from '../../viz/encoding.ts';
import { plural } from '../../trace/format.ts';

export interface AggregateViewProps {
  readonly cells: readonly AggregateCell[];
  readonly pageCount: number;
  readonly globalGen: number;
}

/**
 * Beyond the detail limit: pages grouped per level × state, each group a bar whose length is its
 * share of the level, drawn with the state's colour, pattern and border, and its count in words.
 * A level row expands into its per-state numbers.
 */
export function AggregateView({ cells, pageCount, globalGen }: AggregateViewProps) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const levels = [4, 3, 2, 1];
  const count = (level: number, state: PageState) => cells.find((c) => c.level === level && c.state === state)?.count ?? 0;
  const toggle = (level: number) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(level)) n.delete(level);
      else n.add(level);
      return n;
    });
  return (
    <div className="fz-aggregate" role="region" aria-label="Shadow pages, grouped by level and state">
      <p className="fz-aggregate-note">
        {plural(pageCount, 'shadow page')}: too many to draw one by one, so they are grouped by level and state (generation {globalGen} is
        current).
      </p>
      <ul className="fz-aggregate-rows">
        {levels.map((level) => {
          const total = PAGE_STATES.reduce((s, st) => s + count(level, st), 0);
          const expanded = open.has(level);
          return (
            <li key={level} className="fz-aggregate-row">
              <button type="button" className="fz-aggregate-head" aria-expanded={expanded} onClick={() => toggle(level)}>
                <span className="fz-aggregate-level">{`L${level} ${levelName(level)}`}</span>
                <span className="fz-aggregate-total">{plural(total, 'page')}</span>
              </button>
              <svg className="fz-aggregate-bar" viewBox="0 0 1000 28" preserveAspectRatio="none" aria-hidden="true">
                {(() => {
                  let x = 0;
                  return PAGE_STATES.map((st) => {
                    const n = count(level, st);
                    if (n === 0 || total === 0) return null;
                    const w = Math.max(3, (n / total) * 1000);
                    const s = STATE_STYLES[st];
                    const r = (
                      <rect
                        key={st}
                        x={x}
                        y={1}
                        width={w}
                        height={26}
                        fill={fillFor(st)}
                        stroke={s.stroke}
                        strokeWidth={s.strokeWidth}
                        strokeDasharray={s.dash || undefined}
                        vectorEffect="non-scaling-stroke"
                      />
                    );
                    x += w;
                    return r;
                  });
                })()}
              </svg>
              <ul className={`fz-aggregate-cells${expanded ? ' is-open' : ''}`}>
                {PAGE_STATES.filter((st) => expanded || count(level, st) > 0).map((st) => (
                  <li key={st} data-level={level} data-state={st} data-count={count(level, st)}>
                    <svg width="14" height="14" aria-hidden="true">
                      <rect
                        x="1"
                        y="1"
                        width="12"
                        height="12"
                        fill={fillFor(st)}
                        stroke={STATE_STYLES[st].stroke}
                        strokeDasharray={STATE_STYLES[st].dash || undefined}
                      />
                    </svg>
                    {`${STATE_STYLES[st].label}: ${count(level, st).toLocaleString('en-US')}`}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
