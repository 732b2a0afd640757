import { useMemo } from 'react';
import { PAGE_STATES, type Frame, type PageState } from '../../trace/frame.ts';
import { STATE_STYLES, fillFor } from '../../viz/encoding.ts';
import { layoutStrip, type StripCell, type StripLayout } from '../../viz/strip.ts';
import { useElementSize } from '../useElementSize.ts';

export interface ActiveListStripProps {
  readonly frame: Frame;
  readonly selected: number | null;
  readonly onSelect: (id: number) => void;
}

const H = 26;
const TOP = 16;

/** kvm->arch.active_mmu_pages from head (newest) to tail (oldest), then the zapper's list (in batches, if its strategy has them). */
export function ActiveListStrip({ frame, selected, onSelect }: ActiveListStripProps) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const width = Math.max(100, size.width);
  const layout = useMemo(() => stripOf(frame, width), [frame, width]);
  const n = frame.activeList?.length ?? frame.activeStates?.length ?? 0;
  const names = frame.names;
  return (
    <section className="fz-strip" aria-label={`${names.walkList} and the zapper's ${names.zapList}`}>
      <div className="fz-strip-labels">
        <span>
          <code>{names.walkList}</code> head (newest) ←
        </span>
        <span className="fz-muted">{`${n.toLocaleString('en-US')} pages · ${frame.zappedCount.toLocaleString('en-US')} on ${names.zapList}`}</span>
        <span>{`→ tail (oldest) · ${howZapped(names)} ⟶`}</span>
      </div>
      <div className="fz-strip-box" ref={ref}>
        <svg width={width} height={TOP + H + 18} role="img" aria-label={stripLabel(frame, n, layout)}>
          {layout.cells.map((c, i) => (
            <StripCellRect key={i} cell={c} selected={selected} onSelect={onSelect} />
          ))}
          {layout.batches.map((b) => (
            <g key={b.n} className="fz-strip-batch" data-strip-batch={b.n}>
              <path d={`M${b.x + 1},${TOP - 3} V${TOP - 9} H${b.x + b.w - 1} V${TOP - 3}`} />
              {b.w > 22 && (
                <text x={b.x + b.w / 2} y={TOP - 11}>
                  {`#${b.n}`}
                </text>
              )}
            </g>
          ))}
          {layout.breaks.map((x, i) => (
            <g key={i} className="fz-strip-break" data-strip-break={i}>
              <title>{`lock break: ${names.lockBreakFn ?? 'the zapper'} let a spinning vCPU through`}</title>
              <line x1={x} x2={x} y1={TOP - 6} y2={TOP + H + 6} />
              <text x={x} y={TOP + H + 16}>
                ‖
              </text>
            </g>
          ))}
          {frame.zapper.active && <ZapperCursor x={names.walkFrom === 'tail' ? layout.tailX : 0} />}
        </svg>
      </div>
    </section>
  );
}

/** The strip's geometry for a frame: the active list's states (or pages) and the zapper's batches. */
function stripOf(frame: Frame, width: number): StripLayout {
  const byId = new Map((frame.pages ?? []).map((p) => [p.id, p]));
  const ids = frame.activeList;
  const active = ids ? ids.map((id) => PAGE_STATES.indexOf(byId.get(id)?.state ?? 'valid')) : (frame.activeStates ?? []);
  const z = frame.zapper;
  const batches = z.batches ? z.batches.map((b) => ({ size: b.length, ids: b })) : z.batchSizes.map((n) => ({ size: n, ids: null }));
  const stateOf = (id: number): PageState => byId.get(id)?.state ?? 'freed';
  return layoutStrip({ active, ids, batches, breaks: z.breaks.length, stateOf, width });
}

/** How the strategy zaps: in one hold of mmu_lock, in batches, or between lock breaks. */
function howZapped(names: Frame['names']): string {
  if (names.lockBreakFn === null) return 'zapped in one hold';
  return names.batchLimit !== null ? 'zapped in batches' : 'zapped between lock breaks';
}

function stripLabel(frame: Frame, n: number, layout: StripLayout): string {
  const names = frame.names;
  const zapped =
    names.lockBreakFn === null
      ? `${frame.zappedCount} on ${names.zapList}, zapped in one hold of mmu_lock`
      : `${layout.batches.length} batches zapped, ${layout.breaks.length} lock breaks`;
  return `${n} pages on ${names.walkList}; ${zapped}`;
}

function StripCellRect({ cell: c, selected, onSelect }: { cell: StripCell; selected: number | null; onSelect: (id: number) => void }) {
  const s = STATE_STYLES[c.state];
  const page = c.page;
  return (
    <rect
      className={`fz-strip-cell${page !== null && page === selected ? ' is-selected' : ''}${page !== null ? ' is-page' : ''}`}
      x={c.x + 0.5}
      y={TOP}
      width={Math.max(0.5, c.w - 1)}
      height={H}
      fill={fillFor(c.state)}
      stroke={s.stroke}
      strokeWidth={c.w > 4 ? 1 : 0}
      strokeDasharray={s.dash || undefined}
      data-strip-page={page ?? undefined}
      onClick={page !== null ? () => onSelect(page) : undefined}
    >
      <title>{page !== null ? `page ${page}: ${s.label}` : `${c.count} pages: ${s.label}`}</title>
    </rect>
  );
}

/** Where the zapper's walk is: the tail for walks from the tail, else the head. */
function ZapperCursor({ x }: { x: number }) {
  return (
    <g className="fz-strip-cursor" data-strip-cursor="zapper" transform={`translate(${x}, ${TOP + H + 2})`}>
      <path d="M0,0 l-6,10 h12 z" />
      <text x={-9} y={12}>
        zapper
      </text>
    </g>
  );
}
