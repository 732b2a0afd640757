/**
 * The run's budget in the page: the editor warns before Apply; a run whose estimate passes a
 * budget is announced (role="alert") as soon as it loads, and once the worker cuts it the message
 * says what is shown; "Shorten the run" reloads it at a duration that fits. Stop computing is
 * there while the worker computes (a button with a name, and the S key) and leaves the run usable.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MAIN_SIM } from '../protocol/messages.ts';
import { estimateRun } from '../scenario/cost.ts';
import { RUN_BUDGET } from '../scenario/limits.ts';
import { presetVersion } from '../scenario/presetVersions.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SimClient } from '../client/client.ts';
import { InProcessTransport } from '../client/inProcess.ts';
import { FastZapProvider } from '../state/hooks.ts';
import { createFastZapStore } from '../state/store.ts';
import { formatNs } from '../trace/format.ts';
import { inProcessStore, ManualFrames, presetScenario, quiet, until } from '../state/testkit.ts';
import { App } from './App.tsx';
import { cutMessage, plannedMessage, shortDuration, shortened } from './budgetText.ts';
import { ScenarioEditor } from './scenario/ScenarioEditor.tsx';

const stores: ReturnType<typeof inProcessStore>['store'][] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.getState().actions.destroy();
});

/** classroom with 255 vCPUs touching memory every 1 ns for 10 s (issue 13's wedge). */
function wedge(): Scenario {
  const sc = presetScenario('classroom');
  return { ...sc, vcpus: sc.vcpus.map((g) => ({ ...g, count: 255, gapNs: 1 })), durationNs: 10_000_000_000 };
}

function mount(autoCompute: boolean) {
  const { store } = inProcessStore({ scheduler: new ManualFrames(), tuning: { autoCompute } });
  stores.push(store);
  render(
    <FastZapProvider store={store}>
      <App />
    </FastZapProvider>,
  );
  return { store, main: () => store.getState().sims[MAIN_SIM]! };
}

describe('budget texts', () => {
  it('round a duration down to two significant figures, never under the schema’s 1 µs', () => {
    expect(shortDuration(10_944_171)).toBe(10_000_000);
    expect(shortDuration(3_249_999)).toBe(3_200_000);
    expect(shortDuration(784)).toBe(1000);
    expect(shortDuration(1_500)).toBe(1_500);
  });

  it('say what the run would need and where it is cut, before and after', () => {
    const e = estimateRun(wedge());
    const planned = plannedMessage(e)!;
    expect(planned.text).toMatch(
      /^This run would need ~2\.5 T simulated guest memory accesses \(the limit is 200 M\): it will be cut at about [\d.]+ ms of 10\.000 s\.$/,
    );
    const cut = cutMessage({ reason: 'events', atNs: 3_200_000, events: 10_000_000, bytes: 0 }, { ...e, events: 0 });
    expect(cut.text).toBe('Showing the first 3.20 ms of 10.000 s: the run would need ~31 G events, and the limit is 10 M.');
    expect(cut.shortenTo).toBe(3_200_000);
    expect(plannedMessage(estimateRun(presetScenario('large-guest')))).toBeNull();
    // The shorter run drops scripted actions past its end, as the schema requires.
    expect(shortened(presetScenario('classroom'), 200_000).script).toEqual([]);
  });
});

describe('the run budget in the app', () => {
  it('announces a run the budget will cut as soon as it loads, and Shorten reloads it at a duration that fits', async () => {
    const { store, main } = mount(false);
    await act(() => store.getState().actions.loadScenario(wedge()));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/it will be cut at about/);
    const button = screen.getByRole('button', { name: /^Shorten the run to / });
    const to = plannedMessage(estimateRun(wedge()))!.shortenTo;
    fireEvent.click(button);
    await act(() => until(store, (st) => st.sims[MAIN_SIM]?.scenario?.durationNs === to && st.sims[MAIN_SIM]?.status === 'ready'));
    expect(main().scenario!.vcpus[0]!.count).toBe(255);
    expect(plannedMessage(estimateRun(main().scenario!))).toBeNull();
    await act(() => quiet(store));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('once the worker cuts a run, says what is shown, and Shorten reloads it at that point', async () => {
    // A worker whose event budget this preset passes (the texts name RUN_BUDGET's own limits).
    const store = createFastZapStore({
      createClient: () => new SimClient(new InProcessTransport({ runBudget: { ...RUN_BUDGET, maxEvents: 2000 } })),
      scheduler: new ManualFrames(),
      tuning: { autoCompute: true },
    });
    stores.push(store);
    render(
      <FastZapProvider store={store}>
        <App />
      </FastZapProvider>,
    );
    await act(() => store.getState().actions.loadScenario(presetScenario('classroom')));
    await act(() => until(store, (st) => st.sims[MAIN_SIM]?.progress?.cut != null));
    const cut = store.getState().sims[MAIN_SIM]!.progress!.cut!;
    expect(cut).toMatchObject({ reason: 'events', events: 2000 });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^⚠Showing the first [\d.]+ [µm]s of 3\.00 ms: the run would need ~[\d,]+ events, and the limit is 10 M\./,
    );
    const to = shortDuration(cut.atNs);
    fireEvent.click(screen.getByRole('button', { name: `Shorten the run to ${formatNs(to)}` }));
    await act(() => until(store, (st) => st.sims[MAIN_SIM]?.scenario?.durationNs === to && st.sims[MAIN_SIM]?.progress?.done === true));
    await act(() => quiet(store));
    // The shorter run fits: no cut, no message.
    expect(store.getState().sims[MAIN_SIM]!.progress!.cut).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the message can be dismissed', async () => {
    const { store } = mount(false);
    await act(() => store.getState().actions.loadScenario(wedge()));
    await screen.findByRole('alert');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss the run limit message' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Stop computing is a named button while the worker computes, and the S key too; Continue resumes', async () => {
    const { store, main } = mount(true);
    await act(() => store.getState().actions.loadScenario(presetScenario('memslot-delete-under-load')));
    const stop = await screen.findByRole('button', { name: 'Stop computing' });
    fireEvent.click(stop);
    await act(() => until(store, (st) => st.sims[MAIN_SIM]?.computing === false));
    expect(main().computeStopped).toBe(true);
    expect(main().progress!.done).toBe(false);
    expect(screen.getByText(/^Stopped computing at /)).toBeTruthy();
    fireEvent.keyDown(window, { key: 's' });
    expect(main().computeStopped).toBe(false);
    await screen.findByRole('button', { name: 'Stop computing' });
    fireEvent.keyDown(window, { key: 'S' });
    expect(main().computeStopped).toBe(true);
    expect(await screen.findByRole('button', { name: 'Continue computing' })).toBeTruthy();
  });
});

describe('the editor', () => {
  it('warns before Apply when the run would be cut', () => {
    render(<ScenarioEditor scenario={presetVersion('classroom')!.scenario} presetName="classroom" onApply={() => {}} />);
    expect(screen.queryByText(/^Warning:/)).toBeNull();
    fireEvent.change(screen.getAllByLabelText(/ vCPUs$/)[0]!, { target: { value: '255' } });
    fireEvent.change(screen.getAllByLabelText(/Gap between touches/)[0]!, { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText(/^Duration/), { target: { value: '10000000' } });
    const warning = screen.getByText(/^Warning: This run would need/);
    expect(warning.textContent).toMatch(/it will be cut at about/);
    const apply = screen.getByRole('button', { name: 'Apply (restarts the run)' });
    expect(apply.getAttribute('aria-describedby')).toContain(warning.id);
  });
});
