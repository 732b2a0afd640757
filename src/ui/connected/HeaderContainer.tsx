import type { Intervention } from '../../sim/public.ts';
import { PRESETS } from '../../scenario/presets.ts';
import { useActions, useFrameValue, useSimValue } from '../../state/hooks.ts';
import { GenerationDisplay } from '../panels/GenerationDisplay.tsx';
import { Header } from '../Header.tsx';
import { Interventions } from '../controls/Interventions.tsx';
import { lastBump, obsoleteCount } from './helpers.ts';

export interface HeaderContainerProps {
  readonly preset: string | null;
  readonly onPreset: (name: string) => void;
  readonly drawerOpen: boolean;
  readonly onDrawer: () => void;
  readonly largeType: boolean;
  readonly onLargeType: () => void;
  readonly intervene: (a: Intervention) => void;
}

/** mmu_valid_gen and its counts: re-renders when one of them changes, not on every frame. */
function GenerationContainer() {
  const gen = useFrameValue((f) => f.globalGen, 0);
  const bumpedAt = useSimValue((s) => (s?.frame ? lastBump(s.landmarks, s.frame.cursor) : null));
  const obsolete = useFrameValue((f) => obsoleteCount(f.aggregate), 0);
  const nUsed = useFrameValue((f) => f.nUsed, 0);
  return <GenerationDisplay gen={gen} bumpedAt={bumpedAt} obsolete={obsolete} nUsed={nUsed} />;
}

export function HeaderContainer({ preset, onPreset, largeType, onLargeType, intervene, drawerOpen, onDrawer }: HeaderContainerProps) {
  const ready = useSimValue((s) => s?.status === 'ready' && s.frame !== null);
  const actions = useActions();
  const entryFn = useFrameValue((f) => f.names.entryFn, null);
  return (
    <Header
      presets={PRESETS}
      preset={preset}
      onPreset={onPreset}
      largeType={largeType}
      onLargeType={onLargeType}
      onHelp={actions.toggleHelp}
      drawerOpen={drawerOpen}
      onDrawer={onDrawer}
    >
      <GenerationContainer />
      <div className="fz-header-actions">
        <Interventions
          disabled={!ready}
          entryFn={entryFn}
          onInvalidate={() => intervene({ type: 'memslot-delete' })}
          onShrink={() => intervene({ type: 'shrink', calls: 1 })}
        />
      </div>
    </Header>
  );
}
