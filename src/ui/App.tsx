import { useCallback, useEffect, useState } from 'react';
import type { Intervention } from '../sim/public.ts';
import { useActions, useFastZap, useFrame, useSim } from '../state/hooks.ts';
import { ControlsContainer } from './connected/ControlsContainer.tsx';
import { HeaderContainer } from './connected/HeaderContainer.tsx';
import { fire } from './connected/helpers.ts';
import { SideContainer } from './connected/SideContainer.tsx';
import { StageContainer } from './connected/StageContainer.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { PatternDefs } from './forest/Patterns.tsx';
import { ForkNotice } from './ForkNotice.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { ActiveListStrip } from './panels/ActiveListStrip.tsx';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts';
import { ScenarioDrawer } from './connected/ScenarioDrawer.tsx';
import { MessageBanner } from './scenario/index.ts';
import { useRunLoader, type RunRequest } from './useRunLoader.ts';

/** The container: connects the store to the views, owns the shortcuts and the view toggles. */
export function App() {
  const sim = useSim();
  const frame = useFrame();
  const actions = useActions();
  const ui = useFastZap((s) => s.ui);
  const selected = useFastZap((s) => s.view.selectedPage);
  const { preset, banner, setBanner, load, loadPreset } = useRunLoader();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [largeType, setLargeType] = useState(false);
  const [shortcuts, setShortcuts] = useState(true);
  const [fork, setFork] = useState<{ at: number; key: number } | null>(null);
  const loadRun = useCallback(
    (run: RunRequest) => {
      setFork(null);
      setBanner(null);
      load(run);
    },
    [load, setBanner],
  );
  const onPreset = useCallback(
    (name: string) => {
      setFork(null);
      loadPreset(name);
    },
    [loadPreset],
  );

  // Large type scales the root font size, so every rem-sized control and panel grows with it.
  useEffect(() => {
    document.documentElement.classList.toggle('fz-large-type', largeType);
    return () => document.documentElement.classList.remove('fz-large-type');
  }, [largeType]);

  const cursor = frame?.cursor ?? 0;
  const total = sim?.progress?.events ?? 0;
  const intervene = useCallback(
    (a: Intervention) => {
      // Intervening before the end of what is computed forks the future: say so.
      if (cursor < total) setFork((f) => ({ at: cursor, key: (f?.key ?? 0) + 1 }));
      fire(actions.intervene(a));
    },
    [actions, cursor, total],
  );

  useKeyboardShortcuts(
    {
      togglePlay: () => actions.togglePlay(),
      stepForward: () => fire(actions.stepForward()),
      stepBack: () => fire(actions.stepBack()),
      nextLandmark: () => fire(actions.nextLandmark()),
      prevLandmark: () => fire(actions.prevLandmark()),
      faster: () => actions.faster(),
      slower: () => actions.slower(),
      toggleHelp: () => actions.toggleHelp(),
      closeHelp: () => {
        if (ui.helpOpen) actions.setHelpOpen(false);
        else if (selected !== null) actions.selectPage(null);
      },
      toggleLargeType: () => setLargeType((v) => !v),
    },
    shortcuts && !ui.helpOpen,
  );

  return (
    <div
      className={`fz-app${largeType ? ' is-large' : ''}${ui.reducedMotion ? ' is-reduced-motion' : ''}`}
      data-global-gen={frame?.globalGen ?? 0}
      data-event-index={frame?.cursor ?? 0}
      data-sim-time-ns={frame?.tNs ?? 0}
      data-status={sim?.status ?? 'empty'}
      data-detail={frame ? String(frame.pages !== null) : undefined}
    >
      <PatternDefs />
      <HeaderContainer
        preset={preset}
        onPreset={onPreset}
        largeType={largeType}
        onLargeType={() => setLargeType((v) => !v)}
        intervene={intervene}
        drawerOpen={drawerOpen}
        onDrawer={() => setDrawerOpen((v) => !v)}
      />
      <MessageBanner message={banner} onDismiss={() => setBanner(null)} />
      {ui.error && <ErrorBanner code={ui.error.code} message={ui.error.message} resettable={ui.error.resettable} onReset={() => fire(actions.reset())} onDismiss={() => actions.dismissError()} />}
      {fork && <ForkNotice key={fork.key} at={fork.at} onClose={() => setFork(null)} />}
      <ErrorBoundary onReset={() => fire(actions.reset())}>
        <main className="fz-main">
          <StageContainer />
          <SideContainer intervene={intervene} />
        </main>
        {frame && <ActiveListStrip frame={frame} selected={selected} onSelect={(id) => actions.selectPage(id)} />}
      </ErrorBoundary>
      <ControlsContainer />
      <ScenarioDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} preset={preset} onPreset={onPreset} onLoad={loadRun} />
      {ui.helpOpen && <HelpOverlay onClose={() => actions.setHelpOpen(false)} shortcuts={shortcuts} onShortcuts={setShortcuts} />}
    </div>
  );
}
