import { useMemo } from 'react';
import type { Intervention, SimEvent } from '../../sim/public.ts';
import { useActions, useFastZap, useFrameValue, useSimValue } from '../../state/hooks.ts';
import { narratorFor } from '../../trace/narrate.ts';
import type { PageView } from '../../trace/frame.ts';
import { EventLog } from '../panels/EventLog.tsx';
import { LockPanel } from '../panels/LockPanel.tsx';
import { VcpuPanel } from '../panels/VcpuPanel.tsx';
import { fire } from './helpers.ts';

export interface SideContainerProps {
  readonly intervene: (a: Intervention) => void;
}

const NO_EVENTS: readonly SimEvent[] = [];

/** The vCPUs and their roots (the pages, to say whether a root is valid). */
function VcpuContainer({ intervene }: SideContainerProps) {
  const vcpus = useFrameValue((f) => f.vcpus, null);
  const pages = useFrameValue((f) => f.pages, null);
  const globalGen = useFrameValue((f) => f.globalGen, 0);
  const ready = useSimValue((s) => s?.status === 'ready');
  const actions = useActions();
  const byId = useMemo(() => new Map<number, PageView>((pages ?? []).map((p) => [p.id, p])), [pages]);
  if (!vcpus) return null;
  return (
    <VcpuPanel
      vcpus={vcpus}
      pageOf={(id) => byId.get(id)}
      globalGen={globalGen}
      disabled={!ready}
      onPause={(vcpu) => intervene({ type: 'pause-vcpu', vcpu })}
      onResume={(vcpu) => intervene({ type: 'resume-vcpu', vcpu })}
      onSelectPage={actions.selectPage}
    />
  );
}

/** mmu_lock and the zapper's batch. */
function LockContainer() {
  const lock = useFrameValue((f) => f.lock, null);
  const zapper = useFrameValue((f) => f.zapper, null);
  const tNs = useFrameValue((f) => f.tNs, 0);
  const names = useFrameValue((f) => f.names, null);
  return lock && zapper && names && <LockPanel lock={lock} zapper={zapper} tNs={tNs} names={names} />;
}

/** What just happened, and the narrated events around the cursor. */
function NarrationContainer() {
  const last = useFrameValue((f) => f.last, null);
  const cursor = useFrameValue((f) => f.cursor, 0);
  const events = useSimValue((s) => s?.window.events ?? NO_EVENTS);
  const playing = useFastZap((s) => s.playback.playing);
  const actions = useActions();
  const narrate = useFrameValue((f) => narratorFor(f.names), null);
  if (!narrate) return null;
  const current = last ? narrate(last) : null;
  return (
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
      <EventLog events={events} cursor={cursor} narrate={narrate} onSeek={(c) => fire(actions.seek(c))} />
    </section>
  );
}

/** The right column: vCPUs, mmu_lock and the narrated event log. */
export function SideContainer({ intervene }: SideContainerProps) {
  const loaded = useFrameValue(() => true, false);
  if (!loaded) return <aside className="fz-side" aria-label="Details" />;
  return (
    <aside className="fz-side" aria-label="Details">
      <VcpuContainer intervene={intervene} />
      <LockContainer />
      <NarrationContainer />
    </aside>
  );
}
