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
        {vcpus.map((v) => (
          <VcpuCard
            key={v.id}
            v={v}
            root={v.root === null ? undefined : pageOf(v.root)}
            globalGen={globalGen}
            compact={compact}
            disabled={disabled}
            onRun={v.paused ? onResume : onPause}
            onSelectPage={onSelectPage}
          />
        ))}
      </ul>
    </section>
  );
}

interface VcpuCardProps {
  readonly v: VcpuView;
  /** The root's page, if the frame has it. */
  readonly root: PageView | undefined;
  readonly globalGen: number;
  readonly compact: boolean;
  readonly disabled: boolean;
  /** Resume a paused vCPU, suspend a running one. */
  readonly onRun: (vcpu: number) => void;
  readonly onSelectPage: (id: number) => void;
}

/** The run button's two faces: a paused vCPU can be resumed, a running one suspended. */
const RUN_BUTTON = {
  paused: { label: 'Resume', title: 'Let this vCPU run again' },
  running: { label: 'Suspend', title: 'Pause this vCPU: it leaves the guest and keeps its root loaded' },
} as const;

function VcpuCard({ v, root, globalGen, compact, disabled, onRun, onSelectPage }: VcpuCardProps) {
  const a = ACTIVITY[v.activity];
  // In aggregated frames the root's page is not at hand: a loaded root is taken as valid
  // once no reload is pending (KVM reloads every vCPU after a bump).
  const rootOk = root ? root.state === 'valid' && root.gen === globalGen : v.root !== null && !v.reqReload;
  const rootText = root
    ? `gen ${root.gen}${root.state === 'valid' ? '' : ` · ${root.state === 'invalid-root' ? 'invalid' : 'old gen'}`}`
    : '';
  const run = RUN_BUTTON[v.paused ? 'paused' : 'running'];
  return (
    <li
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
      <button
        type="button"
        className="fz-btn fz-btn-small fz-vcpu-action"
        disabled={disabled}
        onClick={() => onRun(v.id)}
        aria-label={`${run.label} vCPU ${v.id}`}
        title={run.title}
      >
        {run.label}
      </button>
    </li>
  );
}
