import { useState, type ReactNode } from 'react';
import { PAGE_STATES, type PageState } from '../../trace/frame.ts';
import { STATE_STYLES, fillFor } from '../../viz/encoding.ts';

export interface LegendProps {
  /** Pages per state at the cursor, shown beside each entry. */
  readonly counts: Readonly<Record<PageState, number>>;
}

export function Swatch({ state, size = 18 }: { state: PageState; size?: number }) {
  const s = STATE_STYLES[state];
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" className="fz-swatch">
      <rect
        x="2"
        y="2"
        width="16"
        height="16"
        rx="3"
        fill={fillFor(state)}
        stroke={s.stroke}
        strokeWidth={Math.min(s.strokeWidth, 3)}
        strokeDasharray={
          s.dash
            ? s.dash
                .split(' ')
                .map((n) => Number(n) / 2)
                .join(' ')
            : undefined
        }
      />
    </svg>
  );
}

const OTHER: { key: string; glyph: ReactNode; label: string; meaning: string }[] = [
  {
    key: 'arrow',
    glyph: (
      <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M10 1 V15" className="fz-vcpu-arrow" markerEnd="url(#fz-arrowhead)" />
      </svg>
    ),
    label: 'vCPU → root',
    meaning: 'vcpu->arch.mmu.root_hpa; RLD = KVM_REQ_MMU_RELOAD pending',
  },
  {
    key: 'orphan',
    glyph: (
      <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true">
        <path d="M10 9 V20 M6 2 l8 8 M14 2 l-8 8" className="fz-orphan-stub" />
      </svg>
    ),
    label: 'no parent',
    meaning: 'its parent spte was cleared by a zap; it waits on the list for its own turn',
  },
  {
    key: 'rc',
    glyph: <span className="fz-legend-glyph">×2</span>,
    label: 'root_count',
    meaning: 'vCPUs using the page as root; it cannot be freed while non-zero',
  },
  {
    key: 'gen',
    glyph: <span className="fz-legend-glyph fz-legend-gen">0</span>,
    label: 'generation',
    meaning: 'the digit in a page is sp->mmu_valid_gen, stamped at allocation',
  },
];

/** Every encoding on screen, in words: one compact row, with the meanings a click away. */
export function Legend({ counts }: LegendProps) {
  const [open, setOpen] = useState(false);
  return (
    <div className={`fz-legend${open ? ' is-open' : ''}`} role="group" aria-label="Legend">
      <ul className="fz-legend-row">
        {PAGE_STATES.map((st) => (
          <li key={st} title={STATE_STYLES[st].meaning} data-legend-state={st}>
            <Swatch state={st} />
            <span className="fz-legend-label">{STATE_STYLES[st].label}</span>
            <span className="fz-legend-count">{counts[st].toLocaleString('en-US')}</span>
          </li>
        ))}
        {OTHER.map((o) => (
          <li key={o.key} title={o.meaning} className="fz-legend-other">
            {o.glyph}
            <span className="fz-legend-label">{o.label}</span>
          </li>
        ))}
        <li>
          <button type="button" className="fz-link" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
            {open ? 'Hide meanings' : 'What do these mean?'}
          </button>
        </li>
      </ul>
      {open && (
        <dl className="fz-legend-meanings">
          {PAGE_STATES.map((st) => (
            <div key={st}>
              <dt>
                <Swatch state={st} size={14} /> {STATE_STYLES[st].label}
              </dt>
              <dd>{STATE_STYLES[st].meaning}</dd>
            </div>
          ))}
          {OTHER.map((o) => (
            <div key={o.key}>
              <dt>{o.label}</dt>
              <dd>{o.meaning}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
