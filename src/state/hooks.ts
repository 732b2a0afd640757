/**
 * Selector hooks over the store in context. Every hook returns a stable value, as zustand 5
 * requires: a primitive, a part of the state the store replaces only when it changes (frames
 * share unchanged parts with the previous frame: share.ts), or a shallow-compared object.
 *
 * Components select the fields they show (`useSimValue`, `useFrameValue`, `useFastZap` with a
 * field selector), so a clock tick re-renders only what shows what changed. `useFrame` re-renders
 * on every new frame (what the forest needs); nothing selects a whole slice such as `playback`,
 * which changes on every tick.
 */
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { MAIN_SIM, type SimId } from '../protocol/messages.ts';

/** The main simulation's id (the one a single run shows). */
export { MAIN_SIM };
import type { Frame, PageView } from '../trace/frame.ts';
import { formatSpeed, speedAt, SPEEDS_NS_PER_S } from './speed.ts';
import { createFastZapStore, type StoreOptions } from './store.ts';
import type { Actions, FastZapState, SimSlot } from './types.ts';

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
const selSimIds = (s: FastZapState) => Object.keys(s.sims);

export const useActions = (): Actions => useFastZap(selActions);
/** Ids of the loaded sims, in load order. */
export const useSimIds = (): string[] => useFastZap(useShallow(selSimIds));

/**
 * A value from `sim`'s slot (undefined while it is not loaded). Return a primitive or a part of
 * the slot, never a new object or array (use `useFastZap(useShallow(...))` for that).
 */
export function useSimValue<T>(select: (slot: SimSlot | undefined) => T, sim: SimId = MAIN_SIM): T {
  return useFastZap((s) => select(s.sims[sim]));
}

/**
 * A value from `sim`'s current frame, or `fallback` while there is none. As for useSimValue:
 * a primitive or a part of the frame; a fallback object must be a constant.
 */
export function useFrameValue<T>(select: (frame: Frame) => T, fallback: T, sim: SimId = MAIN_SIM): T {
  return useFastZap((s) => {
    const f = s.sims[sim]?.frame;
    return f ? select(f) : fallback;
  });
}

/** `sim`'s current frame (a new object on every step; unchanged parts are shared). */
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
