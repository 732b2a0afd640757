import type { SimEvent } from '../../sim/public.ts';
import type { PageView } from '../../trace/frame.ts';
import { STATE_STYLES, levelName } from '../../viz/encoding.ts';
import { formatNs, hexGfn } from '../../trace/format.ts';
import { Swatch } from './Legend.tsx';

export interface InspectorProps {
  readonly page: PageView | null;
  readonly selectedId: number | null;
  readonly globalGen: number;
  readonly history: readonly SimEvent[] | null;
  readonly narrate: (e: SimEvent) => { readonly text: string; readonly fn: string };
  readonly onSelect: (id: number | null) => void;
  readonly onSeek: (cursor: number) => void;
}

/** The selected page's struct kvm_mmu_page fields, and the events that touched it. */
export function Inspector({ page, selectedId, globalGen, history, narrate, onSelect, onSeek }: InspectorProps) {
  if (selectedId === null) {
    return (
      <section className="fz-panel fz-inspector" aria-label="Inspector">
        <h2 className="fz-panel-title">Inspector</h2>
        <p className="fz-muted">Click a page, or focus the forest and use the arrow keys, to see its struct kvm_mmu_page.</p>
      </section>
    );
  }
  if (!page) {
    return (
      <section className="fz-panel fz-inspector" aria-label="Inspector">
        <h2 className="fz-panel-title">{`Page #${selectedId}`}</h2>
        <p className="fz-muted">Not in this frame: not yet allocated, or freed a while ago.</p>
        <button type="button" className="fz-btn fz-btn-small" onClick={() => onSelect(null)}>
          Clear selection
        </button>
      </section>
    );
  }
  return (
    <section className="fz-panel fz-inspector" aria-label="Inspector">
      <h2 className="fz-panel-title">
        <Swatch state={page.state} size={16} /> {`Page #${page.id}`} <span className="fz-muted">{STATE_STYLES[page.state].label}</span>
        <button type="button" className="fz-btn fz-btn-small fz-close" onClick={() => onSelect(null)} aria-label="Close inspector">
          ×
        </button>
      </h2>
      <PageFields page={page} globalGen={globalGen} onSelect={onSelect} />
      <h3 className="fz-subtitle">History</h3>
      {history === null ? (
        <p className="fz-muted">Loading…</p>
      ) : (
        <ol className="fz-history">
          {history.map((e) => (
            <li key={e.i}>
              <button type="button" className="fz-link" onClick={() => onSeek(e.i + 1)}>
                <span className="fz-ev-i">{`#${e.i} · ${formatNs(e.tNs)}`}</span> {narrate(e).text}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** struct kvm_mmu_page's fields as (name, value) rows. */
function fieldRows(page: PageView, globalGen: number): [string, string][] {
  const obsolete = page.gen !== globalGen;
  const rows: [string, string][] = [
    ['gfn', `${hexGfn(page.gfn)} (${page.gfn.toLocaleString('en-US')})`],
    ['role.level', `${page.level} · ${levelName(page.level)}`],
    ['role.direct', '1 (TDP/EPT)'],
    ['role.invalid', page.invalid ? '1' : '0'],
    ['mmu_valid_gen', `${page.gen} ${obsolete ? '≠' : '='} global ${globalGen} → ${obsolete ? 'obsolete (is_obsolete_sp)' : 'current'}`],
    ['root_count', String(page.rootCount)],
    ['sptes in use', page.level === 1 ? `${page.leaves} / 512 leaf` : `${page.children} / 512 non-leaf`],
    ['unsync', page.unsync ? '1' : '0'],
    ['allocated at', `event ${page.createdAt}`],
  ];
  if (page.freedAt !== null) rows.push(['freed at', `event ${page.freedAt}`]);
  return rows;
}

/** The fields, then the parents as links. */
function PageFields({ page, globalGen, onSelect }: { page: PageView; globalGen: number; onSelect: (id: number | null) => void }) {
  return (
    <dl className="fz-fields">
      {fieldRows(page, globalGen).map(([k, v]) => (
        <div key={k}>
          <dt>
            <code>{k}</code>
          </dt>
          <dd>{v}</dd>
        </div>
      ))}
      <div>
        <dt>
          <code>parent_ptes</code>
        </dt>
        <dd>
          {page.parents.length === 0 ? (page.level === 4 ? 'none (a root)' : 'none (unlinked)') : null}
          {page.parents.map((id) => (
            <button key={id} type="button" className="fz-link" onClick={() => onSelect(id)} aria-label={`Select parent page ${id}`}>
              {`#${id}`}
            </button>
          ))}
        </dd>
      </div>
    </dl>
  );
}
