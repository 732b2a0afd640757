import { useMemo } from 'react';
import { useActions, useFastZap, useFrame, useSim, useView } from '../../state/hooks.ts';
import { AggregateView } from '../forest/AggregateView.tsx';
import { Forest } from '../forest/Forest.tsx';
import { Legend } from '../panels/Legend.tsx';
import { countsByState } from './helpers.ts';
import { InspectorContainer } from './InspectorContainer.tsx';

/** The main picture: the forest in detail, or the aggregated view beyond the detail limit. */
export function StageContainer() {
  const frame = useFrame();
  const sim = useSim();
  const view = useView();
  const actions = useActions();
  const reducedMotion = useFastZap((s) => s.ui.reducedMotion);
  const sc = sim?.scenario;
  const layoutKey = sc ? `${sc.name}|${sc.seed}|${sc.guest.memoryMiB}|${sc.strategy.name}` : '';
  const counts = useMemo(() => countsByState(frame?.aggregate ?? []), [frame?.aggregate]);
  if (!frame) {
    return (
      <div className="fz-stage fz-stage-empty">
        <p>{sim?.status === 'error' ? 'The simulation could not be loaded.' : 'Loading the simulation…'}</p>
      </div>
    );
  }
  return (
    <div className="fz-stage">
      <Legend counts={counts} />
      <div className="fz-stage-body">
        {frame.pages ? (
          <Forest frame={frame} pages={frame.pages} layoutKey={layoutKey} selected={view.selectedPage} onSelect={(id) => actions.selectPage(id)} reducedMotion={reducedMotion} />
        ) : (
          <AggregateView cells={frame.aggregate} pageCount={frame.pageCount} globalGen={frame.globalGen} />
        )}
        <InspectorContainer />
      </div>
    </div>
  );
}
