import { useCallback, useEffect, useState } from 'react';
import { MAIN_SIM } from '../state/hooks.ts';
import type { Intervention } from '../sim/public.ts';
import { useActions, useFastZap, useStoreApi } from '../state/hooks.ts';
import { BudgetContainer } from './connected/BudgetContainer.tsx';
import { ControlsContainer } from './connected/ControlsContainer.tsx';
import { HeaderContainer } from './connected/HeaderContainer.tsx';
import { fire } from './connected/helpers.ts';
import { RunRoot } from './connected/RunRoot.tsx';
import { ScenarioDrawer } from './connected/ScenarioDrawer.tsx';
import { SideContainer } from './connected/SideContainer.tsx';
import { StageContainer } from './connected/StageContainer.tsx';
import { StripContainer } from './connected/StripContainer.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { PatternDefs } from './forest/Patterns.tsx';
import { ForkNotice } from './ForkNotice.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { MessageBanner } from './scenario/index.ts';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.ts';
import { useTimeCommands } from './connected/useTimeCommands.ts';
import { useRunLoader, type RunRequest } from './useRunLoader.ts';

/** Large type scales the root font size, so every rem-sized control and panel grows with it. */
function useLargeType(): [boolean, () => void] {
  const [largeType, setLargeType] = useState(false);
  useEffect(() => {
    document.documentElement.classList.toggle('fz-large-type', largeType);
    return () => document.documentElement.classList.remove('fz-large-type');
  }, [largeType]);
  return [largeType, useCallback(() => setLargeType((v) => !v), [])];
}

interface Fork {
  readonly at: number;
  /** A new notice for each fork (its timer starts over). */
  readonly key: number;
}

/** Interventions from the page; one made before the end of what is computed forks the future, and the notice says so. */
function useIntervene() {
  const api = useStoreApi();
  const actions = useActions();
  const [fork, setFork] = useState<Fork | null>(null);
  const intervene = useCallback(
    (a: Intervention) => {
      const slot = api.getState().sims[MAIN_SIM];
      const cursor = slot?.frame?.cursor ?? 0;
      if (cursor < (slot?.progress?.events ?? 0)) setFork((f) => ({ at: cursor, key: (f?.key ?? 0) + 1 }));
      fire(actions.intervene(a));
    },
    [api, actions],
  );
  return { fork, setFork, intervene };
}

/** The global keys (useKeyboardShortcuts.ts) wired to the store: time, help, selection, large type, computing. */
function useAppShortcuts(enabled: boolean, toggleLargeType: () => void): void {
  const api = useStoreApi();
  const actions = useActions();
  const time = useTimeCommands();
  const closeHelp = () => {
    const st = api.getState();
    if (st.ui.helpOpen) actions.setHelpOpen(false);
    else if (st.view.selectedPage !== null) actions.selectPage(null);
  };
  // Stop computing ahead, or continue after a stop.
  const toggleComputing = () => {
    if (api.getState().sims[MAIN_SIM]?.computeStopped) actions.continueComputing();
    else actions.stopComputing();
  };
  useKeyboardShortcuts(
    { ...time, togglePlay: actions.togglePlay, toggleHelp: actions.toggleHelp, closeHelp, toggleLargeType, toggleComputing },
    enabled,
  );
}

/**
 * The shell: owns the shortcuts and the view toggles and lays out the connected containers. It
 * selects nothing that changes with the clock (each container selects what it shows), so a tick
 * or a step does not re-render it, nor, through it, everything below.
 */
export function App() {
  const actions = useActions();
  const helpOpen = useFastZap((s) => s.ui.helpOpen);
  const error = useFastZap((s) => s.ui.error);
  const { preset, banner, setBanner, load, loadPreset } = useRunLoader();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [largeType, toggleLargeType] = useLargeType();
  const [shortcuts, setShortcuts] = useState(true);
  const { fork, setFork, intervene } = useIntervene();
  const loadRun = useCallback(
    (run: RunRequest) => {
      setFork(null);
      setBanner(null);
      load(run);
    },
    [load, setBanner, setFork],
  );
  const onPreset = useCallback(
    (name: string) => {
      setFork(null);
      loadPreset(name);
    },
    [loadPreset, setFork],
  );
  const toggleDrawer = useCallback(() => setDrawerOpen((v) => !v), []);
  const closeDrawer = useCallback(() => setDrawerOpen(false), []);
  useAppShortcuts(shortcuts && !helpOpen, toggleLargeType);

  return (
    <RunRoot largeType={largeType}>
      <PatternDefs />
      <HeaderContainer
        preset={preset}
        onPreset={onPreset}
        largeType={largeType}
        onLargeType={toggleLargeType}
        intervene={intervene}
        drawerOpen={drawerOpen}
        onDrawer={toggleDrawer}
      />
      <MessageBanner message={banner} onDismiss={() => setBanner(null)} />
      {error && (
        <ErrorBanner
          code={error.code}
          message={error.message}
          resettable={error.resettable}
          onReset={() => fire(actions.reset())}
          onDismiss={() => actions.dismissError()}
        />
      )}
      <BudgetContainer preset={preset} onLoad={loadRun} />
      {fork && <ForkNotice key={fork.key} at={fork.at} onClose={() => setFork(null)} />}
      <ErrorBoundary onReset={() => fire(actions.reset())}>
        <main className="fz-main">
          <StageContainer />
          <SideContainer intervene={intervene} />
        </main>
        <StripContainer />
      </ErrorBoundary>
      <ControlsContainer />
      <ScenarioDrawer open={drawerOpen} onClose={closeDrawer} preset={preset} onPreset={onPreset} onLoad={loadRun} />
      {helpOpen && <HelpOverlay onClose={() => actions.setHelpOpen(false)} shortcuts={shortcuts} onShortcuts={setShortcuts} />}
    </RunRoot>
  );
}
