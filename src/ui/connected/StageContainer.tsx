import { useShallow } from 'zustand/react/shallow';
import { MAIN_SIM } from '../../state/hooks.ts';
import type { FastZapState } from '../../state/types.ts';
import { useActions, useFastZap, useFrame, useFrameValue, usePrefersReducedMotion, useSimValue } from '../../state/hooks.ts';
import { AggregateView } from '../forest/AggregateView.tsx';
import { Forest } from '../forest/Forest.tsx';
import { Legend } from '../panels/Legend.tsx';
import { countsByState } from './helpers.ts';
import { InspectorContainer } from './InspectorContainer.tsx';

const selCounts = (s: FastZapState) => countsByState(s.sims[MAIN_SIM]?.frame?.aggregate ?? []);

/** The legend's counts: re-renders when a count changes. */
function LegendContainer() {
  const counts = useFastZap(useShallow(selCounts));
  return <Legend counts={counts} />;
}

/** The forest in detail: the frame (every step changes it), the selection, the camera's key. */
function ForestContainer() {
  const frame = useFrame();
  const layoutKey = useSimValue((s) => {
    const sc = s?.scenario;
    return sc ? `${sc.name}|${sc.seed}|${sc.guest.memoryMiB}|${sc.strategy.name}` : '';
  });
  const selected = useFastZap((s) => s.view.selectedPage);
  const reducedMotion = usePrefersReducedMotion();
  const actions = useActions();
  if (!frame?.pages) return null;
  return (
    <Forest
      frame={frame}
      pages={frame.pages}
      layoutKey={layoutKey}
      selected={selected}
      onSelect={actions.selectPage}
      reducedMotion={reducedMotion}
    />
  );
}

/** Beyond the detail limit: pages grouped per level × state. */
function AggregateContainer() {
  const cells = useFrameValue((f) => f.aggregate, null);
  const pageCount = useFrameValue((f) => f.pageCount, 0);
  const gen = useFrameValue((f) => f.globalGen, 0);
  return cells && <AggregateView cells={cells} pageCount={pageCount} globalGen={gen} />;
}

/** The main picture: the forest in detail, or the aggregated view beyond the detail limit. */
export function StageContainer() {
  const loaded = useFrameValue(() => true, false);
  const failed = useSimValue((s) => s?.status === 'error');
  const detail = useFrameValue((f) => f.pages !== null, false);
  if (!loaded) {
    return (
      <div className="fz-stage fz-stage-empty">
        <p>{failed ? 'The simulation could not be loaded.' : 'Loading the simulation…'}</p>
      </div>
    );
  }
  return (
    <div className="fz-stage">
      <LegendContainer />
      <div className="fz-stage-body">
        {detail ? <ForestContainer /> : <AggregateContainer />}
        <InspectorContainer />
      </div>
    </div>
  );
}
