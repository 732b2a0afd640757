import type { PageView, VcpuView } from '../../trace/frame.ts';
import { ACTIVITY } from '../vcpu/activity.ts';

export interface VcpuPanelProps {
  readonly vcpus: readonly VcpuView[];
  /** To say whether each root is valid (null in aggregated frames). */
  readonly pageOf: (id: number) => PageView | undefined;
  readonly globalGen: number;
  readonly disabled: boolean;
  readonly onPause: (vcpu: number) => void;
  readonly onResume: (vcpu: number) => void;
  readonly onSelectPage: (id: number) => void;
}

/** One row per vCPU: activity, root, pending requests as badges, and suspend/resume. */
export function VcpuPanel({ vcpus, pageOf, globalGen, disabled, onPause, onResume, onSelectPage }: VcpuPanelProps) {
  const compact = vcpus.length > 3;
  return (
    <section className="fz-panel fz-vcpus" aria-label="vCPUs">
      <h2 className="fz-panel-title">{`vCPUs (${vcpus.length})`}</h2>
      <ul className={`fz-vcpu-list${compact ? ' is-compact' : ''}`}>
        {vcpus.map((v) => {
          const a = ACTIVITY[v.activity];
          const root = v.root === null ? undefined : pageOf(v.root);
          // In aggregated frames the root's page is not at hand: a loaded root is taken as valid
          // once no reload is pending (KVM reloads every vCPU after a bump).
          const rootOk = root ? root.state === 'valid' && root.gen === globalGen : v.root !== null && !v.reqReload;
          const rootText = root
            ? `gen ${root.gen}${root.state === 'valid' ? '' : ` · ${root.state === 'invalid-root' ? 'invalid' : 'old gen'}`}`
            : '';
          return (
            <li
              key={v.id}
              className={`fz-vcpu-card fz-act-${v.activity}`}
              data-vcpu={v.id}
              data-activity={v.activity}
              data-root={v.root ?? ''}
              data-root-valid={rootOk}
            >
              <strong className="fz-vcpu-id">{`vCPU ${v.id}`}</strong>
              <span className="fz-activity" title={a.meaning}>
                <span aria-hidden="true">{a.icon}</span> {compact ? a.short : a.label}
              </span>
              <span className="fz-vcpu-root">
                {v.root === null ? (
                  <span className="fz-noroot">{compact ? 'no root' : 'root: none (INVALID_PAGE)'}</span>
                ) : (
                  <button
                    type="button"
                    className={`fz-link${rootOk ? '' : ' fz-root-stale'}`}
                    onClick={() => v.root !== null && onSelectPage(v.root)}
                    aria-label={`Select root page ${v.root} of vCPU ${v.id}`}
                  >
                    {`root #${v.root}`}
                    {!compact && rootText ? ` · ${rootText}` : ''}
                  </button>
                )}
              </span>
              <span className="fz-badges">
                {v.reqReload && (
                  <span className="fz-badge fz-badge-reload" title="KVM_REQ_MMU_RELOAD pending: serviced on the next guest entry">
                    {compact ? 'RELOAD' : 'KVM_REQ_MMU_RELOAD'}
                  </span>
                )}
                {v.reqTlbFlush && (
                  <span className="fz-badge fz-badge-tlb" title="KVM_REQ_TLB_FLUSH pending">
                    {compact ? 'TLB' : 'TLB_FLUSH'}
                  </span>
                )}
                {!compact && <span className="fz-faults">{`${v.faults.toLocaleString('en-US')} faults`}</span>}
              </span>
              {v.paused ? (
                <button
                  type="button"
                  className="fz-btn fz-btn-small fz-vcpu-action"
                  disabled={disabled}
                  onClick={() => onResume(v.id)}
                  aria-label={`Resume vCPU ${v.id}`}
                  title="Let this vCPU run again"
                >
                  Resume
                </button>
              ) : (
                <button
                  type="button"
                  className="fz-btn fz-btn-small fz-vcpu-action"
                  disabled={disabled}
                  onClick={() => onPause(v.id)}
                  aria-label={`Suspend vCPU ${v.id}`}
                  title="Pause this vCPU: it leaves the guest and keeps its root loaded"
                >
                  Suspend
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
