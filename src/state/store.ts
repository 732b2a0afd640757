/**
 * The app's store: a vanilla zustand store (one per app instance, provided through context in
 * hooks.ts) made of slices — sims (simsSlice.ts), playback (playbackSlice.ts), view
 * (viewSlice.ts) and ui (uiSlice.ts) — created by small functions and merged here, the zustand
 * slices pattern. What components never see (the client, the frame pump, compute-ahead, epochs)
 * lives beside the store in a SimConnection. Actions live in one object created once; state
 * objects are replaced, never mutated.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createWorkerClient } from '../client/index.ts';
import type { SimClient } from '../client/client.ts';
import { SimConnection } from './connection.ts';
import { createComputeActions } from './computeAhead.ts';
import { createPlaybackSlice, rafScheduler, type FrameScheduler } from './playbackSlice.ts';
import { createSimsSlice } from './simsSlice.ts';
import { DEFAULT_TUNING, guarded, type StoreCtx, type StoreTuning } from './storeCtx.ts';
import type { FastZapState, LifecycleActions } from './types.ts';
import { createUiSlice } from './uiSlice.ts';
import { createViewSlice } from './viewSlice.ts';

export type { FrameScheduler } from './playbackSlice.ts';
export type { StoreTuning } from './storeCtx.ts';

export interface StoreOptions {
  /** Makes the client; called again by `reset` after a crash. Default: a new Worker. */
  readonly createClient?: () => SimClient;
  /** Default: requestAnimationFrame. */
  readonly scheduler?: FrameScheduler;
  readonly tuning?: Partial<StoreTuning>;
  /** Initial `prefers-reduced-motion` (the provider keeps it in sync). */
  readonly reducedMotion?: boolean;
  /**
   * A run loaded without a cursor opens just after its setup events (the pre-populated map, the
   * roots loaded) instead of at cursor 0. Default true; `loadScenario` can override it per call.
   */
  readonly startAfterSetup?: boolean;
  /** Wall clock in ms (throttling only). Default: performance.now. */
  readonly now?: () => number;
}

/** A new store. Nothing is loaded: call `actions.loadScenario`. */
export function createFastZapStore(opts: StoreOptions = {}): StoreApi<FastZapState> {
  return createStore<FastZapState>()((set, get) => {
    const conn = new SimConnection(opts.createClient ?? createWorkerClient, (e) => {
      // A worker crash: stop playing, show the error with a reset action.
      playback.stopLoop();
      set((st) => ({ ui: { ...st.ui, error: { code: e.code, message: e.message, resettable: true } } }));
    });
    const ctx: StoreCtx = { get, set, tuning: { ...DEFAULT_TUNING, ...opts.tuning }, now: opts.now ?? (() => performance.now()), conn };
    const sims = createSimsSlice(ctx, opts.startAfterSetup ?? true);
    const playback = createPlaybackSlice(ctx, opts.scheduler ?? rafScheduler());
    const view = createViewSlice(ctx);
    const ui = createUiSlice(ctx, opts.reducedMotion ?? false);

    const lifecycle: LifecycleActions = {
      reset: () =>
        guarded(ctx, async () => {
          playback.stopLoop();
          conn.renewClient();
          set((st) => ({ ui: { ...st.ui, error: null } }));
          const { primary, cursor } = get().playback;
          const loaded = Object.values(get().sims);
          // The primary first (it sets the clock), then the others at that time.
          loaded.sort((a, b) => (a.id === primary ? -1 : b.id === primary ? 1 : 0));
          for (const s of loaded) {
            if (!s.scenario) continue;
            // The last good moment: what the worker last confirmed, or what a load that never
            // landed asked for.
            const asked = conn.runtime(s.id).load;
            const ready = s.status === 'ready';
            const at = ready ? cursor : asked.cursor;
            await get().actions.loadScenario(s.scenario, {
              sim: s.id,
              interventions: ready ? (s.meta?.interventions ?? []) : asked.interventions,
              ...(s.id === primary && at !== undefined ? { cursor: at } : {}),
            });
          }
        }),
      destroy: () => {
        playback.stopLoop();
        conn.close();
      },
    };

    return {
      sims: sims.sims,
      playback: playback.playback,
      view: view.view,
      ui: ui.ui,
      actions: { ...sims.actions, ...playback.actions, ...createComputeActions(ctx), ...view.actions, ...ui.actions, ...lifecycle },
    };
  });
}
