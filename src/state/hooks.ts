/**
 * Selector hooks over the store in context. Every hook returns a stable value (a slice object
 * the store replaces only when it changes, or a shallow-compared tuple), as zustand 5 requires.
 */
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { MAIN_SIM, type SimId } from '../protocol/messages.ts';
import type { Frame, PageView } from '../trace/frame.ts';
import { formatSpeed, speedAt, SPEEDS_NS_PER_S } from './speed.ts';
import { createFastZapStore, type StoreOptions } from './store.ts';
import type { Actions, FastZapState, PlaybackState, SimSlot, UiState, ViewState } from './types.ts';

export type FastZapStore = StoreApi<FastZapState>;

const StoreContext = createContext<FastZapStore | null>(null);

export interface FastZapProviderProps {
  /** A store made elsewhere (tests, two apps on one page); by default one is created on mount. */
  readonly store?: FastZapStore;
  readonly options?: StoreOptions;
  readonly children?: ReactNode;
}

/** Provides one store to the tree and keeps `ui.reducedMotion` in sync with the media query. */
export function FastZapProvider({ store, options, children }: FastZapProviderProps): ReactNode {
  const [api] = useState<FastZapStore>(() => store ?? createFastZapStore(options));
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia('(prefers-reduced-motion: reduce)');
    const sync = () => api.getState().actions.setReducedMotion(mq.matches);
    sync();
    mq.addEventListener('change', sync);
    return () => mq.removeEventListener('change', sync);
  }, [api]);
  return createElement(StoreContext.Provider, { value: api }, children);
}

/** The store itself, for transient subscriptions (`subscribe` + refs) in per-frame renderers. */
export function useStoreApi(): FastZapStore {
  const api = useContext(StoreContext);
  if (!api) throw new Error('FastZap hooks need a <FastZapProvider> above them');
  return api;
}

/** Select from the store; the selector must return a stable value (or wrap it in useShallow). */
export function useFastZap<T>(selector: (s: FastZapState) => T): T {
  return useStore(useStoreApi(), selector);
}

const selActions = (s: FastZapState) => s.actions;
const selPlayback = (s: FastZapState) => s.playback;
const selView = (s: FastZapState) => s.view;
const selUi = (s: FastZapState) => s.ui;
const selSimIds = (s: FastZapState) => Object.keys(s.sims);

export const useActions = (): Actions => useFastZap(selActions);
export const usePlayback = (): PlaybackState => useFastZap(selPlayback);
export const useView = (): ViewState => useFastZap(selView);
export const useUi = (): UiState => useFastZap(selUi);
/** Ids of the loaded sims, in load order. */
export const useSimIds = (): string[] => useFastZap(useShallow(selSimIds));

export function useSim(sim: SimId = MAIN_SIM): SimSlot | null {
  return useFastZap((s) => s.sims[sim] ?? null);
}

export function useFrame(sim: SimId = MAIN_SIM): Frame | null {
  return useFastZap((s) => s.sims[sim]?.frame ?? null);
}

/** The selected page as drawn in `sim`'s current frame (null if none, or not in detail). */
export function useSelectedPage(sim: SimId = MAIN_SIM): PageView | null {
  return useFastZap((s) => {
    const id = s.view.selectedPage;
    const pages = s.sims[sim]?.frame?.pages;
    return id === null || !pages ? null : (pages.find((p) => p.id === id) ?? null);
  });
}

export interface SpeedView {
  readonly index: number;
  readonly nsPerSecond: number;
  readonly label: string;
  readonly min: boolean;
  readonly max: boolean;
}

export function useSpeed(): SpeedView {
  return useFastZap(
    useShallow((s) => {
      const i = s.playback.speedIndex;
      const ns = speedAt(i);
      return { index: i, nsPerSecond: ns, label: formatSpeed(ns), min: i <= 0, max: i >= SPEEDS_NS_PER_S.length - 1 };
    }),
  );
}

export const usePrefersReducedMotion = (): boolean => useFastZap((s) => s.ui.reducedMotion);
