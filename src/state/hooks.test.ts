import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimClient } from '../client/client.ts';
import { InProcessTransport } from '../client/inProcess.ts';
import { PRESETS, validateScenario } from '../scenario/index.ts';
import {
  FastZapProvider,
  useActions,
  useFastZap,
  useFrame,
  useFrameValue,
  usePrefersReducedMotion,
  useSelectedPage,
  useSimIds,
  useSimValue,
  useSpeed,
} from './hooks.ts';
import { createFastZapStore } from './store.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Probe(): ReactNode {
  const frame = useFrame();
  const pb = useFastZap((s) => s.playback.cursor);
  const status = useSimValue((s) => s?.status ?? 'none');
  const tNs = useFrameValue((f) => f.tNs, -1);
  const speed = useSpeed();
  const ids = useSimIds();
  const page = useSelectedPage();
  const reduce = usePrefersReducedMotion();
  const actions = useActions();
  return createElement(
    'output',
    { 'data-testid': 'probe', 'data-actions': typeof actions.play },
    `cursor=${frame?.cursor ?? 'none'} gen=${frame?.globalGen ?? '-'} pb=${pb} status=${status} t=${tNs} speed=${speed.label} sims=${ids.join(',')} page=${page?.id ?? '-'}:${page?.state ?? '-'} reduce=${String(reduce)}`,
  );
}

describe('hooks', () => {
  it('render from the store in context and follow its changes without render loops', async () => {
    const store = createFastZapStore({
      createClient: () => new SimClient(new InProcessTransport()),
      scheduler: { request: () => 0, cancel: () => {} },
      tuning: { autoCompute: false },
      startAfterSetup: false,
    });
    const errors = vi.spyOn(console, 'error');
    render(createElement(FastZapProvider, { store }, createElement(Probe)));
    const text = () => screen.getByTestId('probe').textContent;
    expect(text()).toBe('cursor=none gen=- pb=0 status=none t=-1 speed=50 µs/s sims= page=-:- reduce=false');
    expect(screen.getByTestId('probe').dataset.actions).toBe('function');
    const sc = validateScenario(PRESETS[0]!.scenario);
    if (!sc.ok) throw new Error('preset');
    await act(() => store.getState().actions.loadScenario(sc.value));
    expect(text()).toContain('cursor=0 gen=0 pb=0 status=ready t=0');
    expect(text()).toContain('sims=main');
    await act(async () => {
      store.getState().actions.selectPage(1);
      store.getState().actions.faster();
      await store.getState().actions.seek(30);
    });
    expect(text()).toBe(
      `cursor=30 gen=0 pb=30 status=ready t=${store.getState().sims['main']!.frame!.tNs} speed=100 µs/s sims=main page=1:valid reduce=false`,
    );
    act(() => store.getState().actions.setReducedMotion(true));
    expect(text()).toContain('reduce=true');
    expect(errors).not.toHaveBeenCalled();
  });

  it('refuses to run outside a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(createElement(Probe))).toThrow(/FastZapProvider/);
  });
});
