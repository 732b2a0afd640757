/**
 * Renders per clock tick: the whole app against a store over the in-process client, with every
 * view component counted (renderCount.testkit.ts). A tick that changes no frame must re-render
 * nothing; a step re-renders what shows the cursor and leaves the rest alone.
 *
 * Measured with this test when the store moved to slices: before, when components selected whole
 * slices and frames, a tick that changed no frame re-rendered 8 of the 24 components counted here
 * (the side panels, the time controls, the scrubber) and a step all 24 plus 35 page nodes; after,
 * 0 and 8 (no page node).
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAIN_SIM } from '../protocol/messages.ts';
import { FastZapProvider } from '../state/hooks.ts';
import { inProcessStore, ManualFrames, quiet, until } from '../state/testkit.ts';
import { App } from './App.tsx';
import { rendersOf, resetRenders } from './renderCount.testkit.ts';

const { kit } = vi.hoisted(() => ({ kit: () => import('./renderCount.testkit.ts') }));
vi.mock('./Header.tsx', async (orig) => (await kit()).counted(await orig<typeof import('./Header.tsx')>(), 'Header'));
vi.mock('./ProgressIndicator.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./ProgressIndicator.tsx')>(), 'ProgressIndicator'),
);
vi.mock('./connected/HeaderContainer.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./connected/HeaderContainer.tsx')>(), 'HeaderContainer'),
);
vi.mock('./connected/StageContainer.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./connected/StageContainer.tsx')>(), 'StageContainer'),
);
vi.mock('./connected/SideContainer.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./connected/SideContainer.tsx')>(), 'SideContainer'),
);
vi.mock('./connected/ControlsContainer.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./connected/ControlsContainer.tsx')>(), 'ControlsContainer'),
);
vi.mock('./connected/InspectorContainer.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./connected/InspectorContainer.tsx')>(), 'InspectorContainer'),
);
vi.mock('./connected/ScenarioDrawer.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./connected/ScenarioDrawer.tsx')>(), 'ScenarioDrawer'),
);
vi.mock('./controls/Interventions.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./controls/Interventions.tsx')>(), 'Interventions'),
);
vi.mock('./controls/Scrubber.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./controls/Scrubber.tsx')>(), 'Scrubber'),
);
vi.mock('./controls/TimeControls.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./controls/TimeControls.tsx')>(), 'TimeControls'),
);
vi.mock('./forest/Forest.tsx', async (orig) => (await kit()).counted(await orig<typeof import('./forest/Forest.tsx')>(), 'Forest'));
vi.mock('./forest/PageNode.tsx', async (orig) => (await kit()).counted(await orig<typeof import('./forest/PageNode.tsx')>(), 'PageNode'));
vi.mock('./panels/ActiveListStrip.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./panels/ActiveListStrip.tsx')>(), 'ActiveListStrip'),
);
vi.mock('./panels/EventLog.tsx', async (orig) => (await kit()).counted(await orig<typeof import('./panels/EventLog.tsx')>(), 'EventLog'));
vi.mock('./panels/GenerationDisplay.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./panels/GenerationDisplay.tsx')>(), 'GenerationDisplay'),
);
vi.mock('./panels/Inspector.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./panels/Inspector.tsx')>(), 'Inspector'),
);
vi.mock('./panels/Legend.tsx', async (orig) => (await kit()).counted(await orig<typeof import('./panels/Legend.tsx')>(), 'Legend'));
vi.mock('./panels/LockPanel.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./panels/LockPanel.tsx')>(), 'LockPanel'),
);
vi.mock('./panels/VcpuPanel.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./panels/VcpuPanel.tsx')>(), 'VcpuPanel'),
);
vi.mock('./scenario/PresetPicker.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./scenario/PresetPicker.tsx')>(), 'PresetPicker'),
);
vi.mock('./scenario/ScenarioEditor.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./scenario/ScenarioEditor.tsx')>(), 'ScenarioEditor'),
);
vi.mock('./scenario/ShareButtons.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./scenario/ShareButtons.tsx')>(), 'ShareButtons'),
);
vi.mock('./scenario/FileControls.tsx', async (orig) =>
  (await kit()).counted(await orig<typeof import('./scenario/FileControls.tsx')>(), 'FileControls'),
);

const stores: ReturnType<typeof inProcessStore>['store'][] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.getState().actions.destroy();
});

const ALL = [
  'HeaderContainer',
  'StageContainer',
  'InspectorContainer',
  'SideContainer',
  'ControlsContainer',
  'Header',
  'GenerationDisplay',
  'Interventions',
  'Legend',
  'Forest',
  'PageNode',
  'Inspector',
  'ActiveListStrip',
  'VcpuPanel',
  'LockPanel',
  'EventLog',
  'TimeControls',
  'Scrubber',
  'ProgressIndicator',
  'ScenarioDrawer',
  'PresetPicker',
  'ScenarioEditor',
  'ShareButtons',
  'FileControls',
] as const;

/**
 * The app on the default scenario, computed to its end, paused at a moment whose next event is
 * more than 1 ns away, the scenario panel open, a page selected and its history shown.
 */
async function mountApp() {
  const frames = new ManualFrames();
  const { store } = inProcessStore({ scheduler: frames, tuning: { autoCompute: true } });
  stores.push(store);
  // The inspector asks for the page's history after a debounce: know when it has its answer.
  const actions = store.getState().actions;
  let answered = () => {};
  const historyAnswered = new Promise<void>((resolve) => (answered = resolve));
  store.setState({ actions: { ...actions, pageHistory: (...args) => actions.pageHistory(...args).finally(answered) } });
  render(
    <FastZapProvider store={store}>
      <App />
    </FastZapProvider>,
  );
  const main = () => store.getState().sims[MAIN_SIM]!;
  await act(() => until(store, (st) => st.sims[MAIN_SIM]?.progress?.done === true && st.sims[MAIN_SIM]?.computing === false));
  await act(() => quiet(store));
  expect(main().status).toBe('ready');
  const gapAhead = () => {
    const s = main();
    const next = s.window.events.find((e) => e.i === s.frame!.cursor);
    return next !== undefined && next.tNs > s.frame!.tNs + 1;
  };
  for (let k = 0; k < 200 && !gapAhead(); k++) {
    await act(() => store.getState().actions.stepForward());
    await act(() => quiet(store));
  }
  expect(gapAhead()).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Scenario & share' }));
  act(() => store.getState().actions.selectPage(main().frame!.pages![0]!.id));
  await act(() => historyAnswered);
  await act(() => quiet(store));
  expect(screen.getByRole('region', { name: 'Inspector' }).textContent).toContain('History#');
  return { store, frames, main };
}

describe('renders per clock tick', () => {
  it('a tick that changes no frame re-renders no component', async () => {
    const { store, frames, main } = await mountApp();
    act(() => {
      store.getState().actions.setSpeedIndex(0); // 1 µs of simulated time per second
      store.getState().actions.play();
      frames.frame(16); // the first frame only starts the clock
    });
    await act(() => quiet(store));
    const before = { frame: main().frame, tNs: store.getState().playback.tNs };
    resetRenders();
    act(() => frames.frame(1)); // 1 ms of wall time: 1 ns of simulated time
    await act(() => quiet(store));
    // The clock moved, the frame did not (no event in that nanosecond).
    expect(store.getState().playback.tNs).toBe(before.tNs + 1);
    expect(main().frame).toBe(before.frame);
    expect(rendersOf(ALL)).toEqual(Object.fromEntries(ALL.map((n) => [n, 0])));
    act(() => store.getState().actions.pause());
  });

  it('a step re-renders what shows the cursor, not the legend, the header, the time controls or the scenario panel', async () => {
    const { store, main } = await mountApp();
    const before = main().frame!;
    resetRenders();
    await act(() => store.getState().actions.stepForward());
    await act(() => quiet(store));
    const after = main().frame!;
    // One event applied, no page count or generation changed by it.
    expect(after.cursor).toBe(before.cursor + 1);
    expect(after.globalGen).toBe(before.globalGen);
    expect(after.aggregate).toBe(before.aggregate);
    const counts = rendersOf(ALL);
    for (const shown of ['Forest', 'Scrubber', 'EventLog', 'ActiveListStrip', 'Inspector']) expect(counts[shown], shown).toBeGreaterThan(0);
    const still = [
      'HeaderContainer',
      'StageContainer',
      'SideContainer',
      'ControlsContainer',
      'Header',
      'GenerationDisplay',
      'Interventions',
      'Legend',
      'TimeControls',
      'ProgressIndicator',
      'ScenarioDrawer',
      'PresetPicker',
      'ScenarioEditor',
      'ShareButtons',
      'FileControls',
    ];
    expect(rendersOf(still)).toEqual(Object.fromEntries(still.map((n) => [n, 0])));
  });
});
