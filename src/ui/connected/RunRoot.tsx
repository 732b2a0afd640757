import type { ReactNode } from 'react';
import { useFrameValue, usePrefersReducedMotion, useSimValue } from '../../state/hooks.ts';

export interface RunRootProps {
  readonly largeType: boolean;
  readonly children: ReactNode;
}

/**
 * The app's root element. It carries the run's moment as the testing contract's data-*
 * attributes (generation, event index, simulated time, status, detail, interventions applied,
 * reduced motion), so it re-renders on every frame; its children are made by App, which does
 * not, so they are left alone.
 */
export function RunRoot({ largeType, children }: RunRootProps) {
  const status = useSimValue((s) => s?.status ?? 'empty');
  const gen = useFrameValue((f) => f.globalGen, 0);
  const cursor = useFrameValue((f) => f.cursor, 0);
  const tNs = useFrameValue((f) => f.tNs, 0);
  const detail = useFrameValue((f): string | undefined => String(f.pages !== null), undefined);
  const interventions = useSimValue((s) => s?.meta?.interventions.length ?? 0);
  const reducedMotion = usePrefersReducedMotion();
  return (
    <div
      className={`fz-app${largeType ? ' is-large' : ''}${reducedMotion ? ' is-reduced-motion' : ''}`}
      data-global-gen={gen}
      data-event-index={cursor}
      data-sim-time-ns={tNs}
      data-status={status}
      data-detail={detail}
      data-interventions={interventions}
      data-reduced-motion={String(reducedMotion)}
    >
      {children}
    </div>
  );
}
