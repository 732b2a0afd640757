import { useMemo } from 'react';
import type { Intervention } from '../../sim/public.ts';
import { useActions, useFrame, usePlayback, useSim } from '../../state/hooks.ts';
import { narratorFor } from '../../trace/narrate.ts';
import type { PageView } from '../../trace/frame.ts';
import { EventLog } from '../panels/EventLog.tsx';
import { LockPanel } from '../panels/LockPanel.tsx';
import { VcpuPanel } from '../panels/VcpuPanel.tsx';
import { fire } from './helpers.ts';

export interface SideContainerProps {
  readonly intervene: (a: Intervention) => void;
}

/** The right column: vCPUs, mmu_lock and the narrated event log. */
export function SideContainer({ intervene }: SideContainerProps) {
  const frame = useFrame();
  const sim = useSim();
  const actions = useActions();
  const playing = usePlayback().playing;

  const byId = useMemo(() => new Map<number, PageView>((frame?.pages ?? []).map((p) => [p.id, p])), [frame?.pages]);
  if (!frame) return <aside className="fz-side" aria-label="Details" />;
  const ready = sim?.status === 'ready';
  const narrate = narratorFor(frame.names);
  const current = frame.last ? narrate(frame.last) : null;
  return (
    <aside className="fz-side" aria-label="Details">
      <VcpuPanel
        vcpus={frame.vcpus}
        pageOf={(id) => byId.get(id)}
        globalGen={frame.globalGen}
        disabled={!ready}
        onPause={(vcpu) => intervene({ type: 'pause-vcpu', vcpu })}
        onResume={(vcpu) => intervene({ type: 'resume-vcpu', vcpu })}
        onSelectPage={(id) => actions.selectPage(id)}
      />
      <LockPanel lock={frame.lock} zapper={frame.zapper} tNs={frame.tNs} names={frame.names} />
      <section className="fz-panel fz-narration" aria-label="What just happened">
        <h2 className="fz-panel-title">What just happened</h2>
        <p className="fz-now" aria-live={playing ? 'off' : 'polite'}>
          {current ? (
            <>
              {current.text} <code className="fz-ev-fn">{current.fn}</code>
            </>
          ) : (
            'Nothing yet: press Play, or step forward.'
          )}
        </p>
        <EventLog events={sim?.window.events ?? []} cursor={frame.cursor} narrate={narrate} onSeek={(c) => fire(actions.seek(c))} />
      </section>
    </aside>
  );
}
