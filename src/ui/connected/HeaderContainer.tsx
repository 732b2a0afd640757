import type { Intervention } from '../../sim/public.ts';
import { PRESETS } from '../../scenario/presets.ts';
import { useActions, useFrameValue, useSimValue } from '../../state/hooks.ts';
import { GenerationDisplay } from '../panels/GenerationDisplay.tsx';
import { Header, type HeaderProps } from '../Header.tsx';
import { Interventions } from '../controls/Interventions.tsx';
import { lastBump, obsoleteCount } from './helpers.ts';

/** What the shell gives the header: the scenario picker's and view buttons' state, and the interventions. */
export interface HeaderContainerProps extends Omit<HeaderProps, 'presets' | 'onHelp' | 'children'> {
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

export function HeaderContainer({ intervene, ...header }: HeaderContainerProps) {
  const ready = useSimValue((s) => s?.status === 'ready' && s.frame !== null);
  const actions = useActions();
  const entryFn = useFrameValue((f) => f.names.entryFn, null);
  return (
    <Header {...header} presets={PRESETS} onHelp={actions.toggleHelp}>
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
