import type { Intervention } from '../../sim/public.ts';
import { PRESETS } from '../../scenario/presets.ts';
import { useFastZap, useFrame, useSim } from '../../state/hooks.ts';
import { GenerationDisplay } from '../panels/GenerationDisplay.tsx';
import { Header } from '../Header.tsx';
import { Interventions } from '../controls/Interventions.tsx';
import { countsByState, lastBump } from './helpers.ts';

export interface HeaderContainerProps {
  readonly preset: string | null;
  readonly onPreset: (name: string) => void;
  readonly drawerOpen: boolean;
  readonly onDrawer: () => void;
  readonly largeType: boolean;
  readonly onLargeType: () => void;
  readonly intervene: (a: Intervention) => void;
}

export function HeaderContainer({ preset, onPreset, largeType, onLargeType, intervene, drawerOpen, onDrawer }: HeaderContainerProps) {
  const frame = useFrame();
  const sim = useSim();
  const actions = useFastZap((s) => s.actions);
  const ready = sim?.status === 'ready' && frame !== null;
  const counts = countsByState(frame?.aggregate ?? []);
  return (
    <Header presets={PRESETS} preset={preset} onPreset={onPreset} largeType={largeType} onLargeType={onLargeType} onHelp={() => actions.toggleHelp()} drawerOpen={drawerOpen} onDrawer={onDrawer}>
      <GenerationDisplay gen={frame?.globalGen ?? 0} bumpedAt={lastBump(sim?.landmarks ?? [], frame?.cursor ?? 0)} obsolete={counts.obsolete} nUsed={frame?.nUsed ?? 0} />
      <div className="fz-header-actions">
        <Interventions disabled={!ready} entryFn={frame?.names.entryFn ?? null} onInvalidate={() => intervene({ type: 'memslot-delete' })} onShrink={() => intervene({ type: 'shrink', calls: 1 })} />
      </div>
    </Header>
  );
}
