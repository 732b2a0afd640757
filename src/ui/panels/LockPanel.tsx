import type { LockView, StrategyNames, ZapperView } from '../../trace/frame.ts';
import { actorLabel, formatNs } from '../../trace/format.ts';
import { Icon } from '../Icon.tsx';

export interface LockPanelProps {
  readonly lock: LockView;
  readonly zapper: ZapperView;
  readonly tNs: number;
  /** The running strategy's names: its walk function, BATCH_ZAP_PAGES or no batches, lock breaks or one hold. */
  readonly names: StrategyNames;
}

/** mmu_lock: who holds it, for how long, and who spins in ticket order; the zapper's batch. */
export function LockPanel({ lock, zapper, tNs, names }: LockPanelProps) {
  const held = lock.holder !== null;
  const batchLimit = names.batchLimit;
  const oneHold = names.lockBreakFn === null;
  return (
    <section className="fz-panel fz-lock" aria-label="mmu_lock">
      <h2 className="fz-panel-title">
        <code>kvm-&gt;mmu_lock</code>
      </h2>
      <div className={`fz-lock-row${held ? ' is-held' : ''}`} data-holder={lock.holder ?? ''}>
        <span className="fz-lock-icon">
          <Icon name={held ? 'lock' : 'unlock'} size={18} />
        </span>
        {held ? (
          <span>
            held by <strong className={`fz-actor fz-actor-${lock.holder ?? ''}`}>{actorLabel(lock.holder ?? '')}</strong>
            <span className="fz-muted">{` for ${formatNs(Math.max(0, tNs - lock.heldSinceNs))}`}</span>
          </span>
        ) : (
          <span>free</span>
        )}
      </div>
      <div className="fz-lock-queue">
        <span className="fz-muted">{lock.waiters.length ? 'spinning:' : 'nobody spinning'}</span>
        <ol aria-label="Spinning on mmu_lock, in ticket order">
          {lock.waiters.map((w, i) => (
            <li key={w} className={`fz-chip fz-actor-${w}`}>
              <span aria-hidden="true">{i === 0 ? '⟳ ' : ''}</span>
              {actorLabel(w)}
            </li>
          ))}
        </ol>
      </div>
      <div className={`fz-zapper${zapper.active ? ' is-active' : ''}`}>
        <span>
          zapper: <strong>{zapper.active ? names.walkFn : 'idle'}</strong>
        </span>
        {zapper.active && batchLimit !== null && (
          <span className="fz-batch" aria-label={`batch ${zapper.batch} of ${batchLimit} pages since the last lock break`}>
            <span className="fz-batch-bar" aria-hidden="true">
              {Array.from({ length: batchLimit }, (_, i) => (
                <span key={i} className={i < zapper.batch ? 'is-on' : ''} />
              ))}
            </span>
            {`${zapper.batch}/${batchLimit}`}
          </span>
        )}
        {zapper.active && batchLimit === null && (
          <span className="fz-batch">
            {oneHold ? `${zapper.batch} prepared in one hold · no batches` : `${zapper.batch} since the last lock break · no minimum batch`}
          </span>
        )}
        <span className="fz-muted">
          {oneHold
            ? `no lock breaks (${names.walkFn} holds mmu_lock throughout)`
            : `${zapper.breaks.length} lock break${zapper.breaks.length === 1 ? '' : 's'}`}
        </span>
      </div>
    </section>
  );
}
