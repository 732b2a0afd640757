import { memo } from 'react';
import type { VcpuView } from '../../trace/frame.ts';
import type { VcpuSpot } from '../../viz/vcpus.ts';
import { ACTIVITY } from '../vcpu/activity.ts';
import { UPPER_H, VCPU_H, VCPU_W } from './geometry.ts';

export interface VcpuLayerProps {
  readonly spots: readonly VcpuSpot[];
  readonly vcpus: readonly VcpuView[];
}

/** The vCPUs over the forest, each with an arrow to its root (root_hpa); none when unloaded. */
function VcpuLayerImpl({ spots, vcpus }: VcpuLayerProps) {
  const byId = new Map(vcpus.map((v) => [v.id, v]));
  return (
    <g className="fz-vcpu-layer">
      {spots.map((s) => {
        const v = byId.get(s.id);
        if (!v) return null;
        const a = ACTIVITY[v.activity];
        const y0 = s.y + VCPU_H / 2;
        const arrow = s.target
          ? `M${s.x},${y0} C${s.x},${y0 + 24} ${s.target.x},${s.target.y - UPPER_H / 2 - 30} ${s.target.x},${s.target.y - UPPER_H / 2 - 3}`
          : null;
        return (
          <g key={s.id} className={`fz-vcpu-mark fz-act-${v.activity}`} data-vcpu={s.id} data-activity={v.activity}>
            {arrow && <path className="fz-vcpu-arrow" d={arrow} style={{ d: `path("${arrow}")` }} markerEnd="url(#fz-arrowhead)" />}
            <g style={{ transform: `translate(${s.x}px, ${s.y}px)` }} className="fz-vcpu-body">
              <title>{`vCPU ${s.id}: ${a.label}${v.reqReload ? ', KVM_REQ_MMU_RELOAD pending' : ''}${v.root === null ? ', no root (INVALID_PAGE)' : `, root page ${v.root}`}`}</title>
              <rect x={-VCPU_W / 2} y={-VCPU_H / 2} width={VCPU_W} height={VCPU_H} rx={8} />
              <text className="fz-vcpu-name" y={-3}>{`vCPU ${s.id}`}</text>
              <text className="fz-vcpu-act" y={10}>{`${a.icon} ${a.short}`}</text>
              {v.reqReload && (
                <g className="fz-reload-badge" transform={`translate(${VCPU_W / 2 - 4}, ${-VCPU_H / 2 - 7})`}>
                  <rect x={-12} y={-9} width={30} height={16} rx={8} />
                  <text x={3} y={0}>
                    RLD
                  </text>
                </g>
              )}
              {v.root === null && (
                <text className="fz-vcpu-noroot" y={VCPU_H / 2 + 13}>
                  no root
                </text>
              )}
            </g>
          </g>
        );
      })}
    </g>
  );
}

export const VcpuLayer = memo(VcpuLayerImpl);
