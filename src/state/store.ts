/**
 * The app's store: a vanilla zustand store (one per app instance, provided through context in
 * hooks.ts) built from slices: sims (load, intervene), playback (playback.ts), view and ui.
 * Actions live in one object created once; state objects are replaced, never mutated.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createWorkerClient } from '../client/index.ts';
import type { SimClient } from '../client/client.ts';
import { MAIN_SIM, type SimId } from '../protocol/messages.ts';
import { computeAhead, forgetLandmarksFrom, refreshLandmarks, refreshWindow, requestFrame } from './fetch.ts';
import { createPlayback, rafScheduler, type FrameScheduler } from './playback.ts';
import { emptySlot, guarded, newRuntime, patchSim, reportError, type SimRuntime, type StoreCtx, type StoreTuning } from './runtime.ts';
import { share } from './share.ts';
import { DEFAULT_SPEED_INDEX } from './speed.ts';
import type { Actions, FastZapState } from './types.ts';

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

const DEFAULT_TUNING: StoreTuning = {
  windowRadius: 100,
  chunkEvents: 20_000,
  chunkBudgetMs: 40,
  interactiveChunkBudgetMs: 8,
  interactiveMs: 1500,
  progressEveryMs: 150,
  autoCompute: true,
};

/** A new store. Nothing is loaded: call `actions.loadScenario`. */
export function createFastZapStore(opts: StoreOptions = {}): StoreApi<FastZapState> {
  const makeClient = opts.createClient ?? createWorkerClient;
  let client: SimClient | null = null;
  let epochs = 0;
  const runtimes = new Map<SimId, SimRuntime>();

  return createStore<FastZapState>()((set, get) => {
    const ctx: StoreCtx = {
      get,
      set,
      tuning: { ...DEFAULT_TUNING, ...opts.tuning },
      now: opts.now ?? (() => performance.now()),
      client: () => (client ??= attach(makeClient())),
      renewClient() {
        client?.close();
        client = attach(makeClient());
        return client;
      },
      rt(sim) {
        let r = runtimes.get(sim);
        if (!r) runtimes.set(sim, (r = newRuntime()));
        return r;
      },
      dropRt: (sim) => runtimes.delete(sim),
    };

    /** A worker crash: stop playing, show the error with a reset action. */
    function attach(c: SimClient): SimClient {
      c.onFault((e) => {
        if (c !== client) return;
        playback.stopLoop();
        set((st) => ({ ui: { ...st.ui, error: { code: e.code, message: e.message, resettable: true } } }));
      });
      return c;
    }

    /** Void every reply still on its way for `sim`. */
    function renew(sim: SimId): SimRuntime {
      const rt = ctx.rt(sim);
      rt.epoch = ++epochs;
      rt.pending = null;
      rt.computing = false;
      rt.landmarkScan = 0;
      rt.landmarkBuffer = null;
      rt.progressBuffer = null;
      rt.wantCursor = null;
      return rt;
    }

    const playback = createPlayback(ctx, opts.scheduler ?? rafScheduler());

    const actions: Actions = {
      play: playback.play,
      pause: playback.pause,
      togglePlay: playback.togglePlay,
      stepForward: playback.stepForward,
      stepBack: playback.stepBack,
      nextLandmark: playback.nextLandmark,
      prevLandmark: playback.prevLandmark,
      seek: playback.seek,
      seekTime: playback.seekTime,
      setSpeedIndex: playback.setSpeedIndex,
      faster: playback.faster,
      slower: playback.slower,
      loadScenario: (scenario, o = {}) =>
        guarded(ctx, async () => {
          const sim = o.sim ?? get().playback.primary;
          const rt = renew(sim);
          const epoch = rt.epoch;
          set((st) => ({ sims: { ...st.sims, [sim]: { ...emptySlot(sim), status: 'loading', scenario } } }));
          try {
            const cursor = o.cursor;
            const afterSetup = cursor === undefined && (o.startAfterSetup ?? opts.startAfterSetup ?? true);
            const r = await ctx.client().load(sim, scenario, {
              interventions: o.interventions ?? [],
              target: cursor ? { type: 'cursor', cursor } : null,
              startAfterSetup: afterSetup,
              detail: get().view.mode,
            });
            if (rt.epoch !== epoch) return;
            const ready = { status: 'ready', meta: r.meta, progress: r.progress, frame: r.frame } as const;
            if (sim === get().playback.primary) {
              // The frame, the cursor and the clock in one update.
              set((st) => {
                const slot = st.sims[sim];
                if (!slot) return st;
                return { sims: { ...st.sims, [sim]: { ...slot, ...ready } }, playback: { ...st.playback, cursor: r.frame.cursor, tNs: r.frame.tNs } };
              });
              // The load computes a bounded amount: a cursor further on is computed in chunks.
              if (cursor !== undefined && r.frame.cursor !== cursor) await playback.seek(cursor);
              else {
                await Promise.all(
                  Object.keys(get().sims)
                    .filter((id) => id !== sim && get().sims[id]?.status === 'ready')
                    .map((id) => requestFrame(ctx, id as SimId, { type: 'time', tNs: r.frame.tNs })),
                );
              }
            } else {
              patchSim(ctx, sim, ready);
              await requestFrame(ctx, sim, { type: 'time', tNs: get().playback.tNs });
            }
            if (rt.epoch !== epoch) return;
            await Promise.all([refreshWindow(ctx, sim), refreshLandmarks(ctx, sim)]);
            void computeAhead(ctx, sim);
          } catch (e) {
            if (rt.epoch === epoch) patchSim(ctx, sim, { status: 'error' });
            throw e;
          }
        }),
      unloadSim: (sim) =>
        guarded(ctx, async () => {
          renew(sim);
          ctx.dropRt(sim);
          set((st) => ({ sims: Object.fromEntries(Object.entries(st.sims).filter(([id]) => id !== sim)) }));
          await ctx.client().dispose(sim);
        }),
      intervene: (action, simArg) =>
        guarded(ctx, async () => {
          const pb = get().playback;
          const sim = simArg ?? pb.primary;
          const slot = get().sims[sim];
          if (!slot?.progress || !slot.frame) return;
          const rt = ctx.rt(sim);
          const epoch = rt.epoch;
          const at = Math.min(sim === pb.primary ? pb.cursor : slot.frame.cursor, slot.progress.events);
          const r = await ctx.client().intervene(sim, at, action, get().view.mode);
          if (rt.epoch !== epoch) return;
          // The future after r.at is new: forget landmarks found in the old one.
          forgetLandmarksFrom(rt, r.at);
          rt.wantCursor = null;
          // The fork's frame, progress and (for the primary) cursor and clock in one update.
          set((st) => {
            const s = st.sims[sim];
            if (!s) return st;
            const slot = { ...s, meta: r.meta, progress: r.progress, frame: share(s.frame, r.frame), landmarks: s.landmarks.filter((l) => l.i < r.at) };
            const pb = sim === st.playback.primary ? { ...st.playback, cursor: r.cursor, tNs: r.frame.tNs } : st.playback;
            return { sims: { ...st.sims, [sim]: slot }, playback: pb };
          });
          await refreshWindow(ctx, sim, true);
          await refreshLandmarks(ctx, sim);
          void computeAhead(ctx, sim);
        }),
      pageHistory: async (page, simArg) => {
        const sim = simArg ?? get().playback.primary;
        const cursor = get().sims[sim]?.frame?.cursor ?? 0;
        try {
          return await ctx.client().history(sim, page, cursor);
        } catch (e) {
          reportError(ctx, e);
          return [];
        }
      },
      selectPage: (page) => set((st) => ({ view: { ...st.view, selectedPage: page } })),
      setZoom: (zoom) => set((st) => ({ view: { ...st.view, zoom: Math.max(0.05, Math.min(40, zoom)) } })),
      setDetailMode: (mode) => {
        set((st) => ({ view: { ...st.view, mode } }));
        for (const [id, s] of Object.entries(get().sims)) {
          if (s.frame) void requestFrame(ctx, id as SimId, { type: 'cursor', cursor: s.frame.cursor });
        }
      },
      setHelpOpen: (open) => set((st) => ({ ui: { ...st.ui, helpOpen: open } })),
      toggleHelp: () => set((st) => ({ ui: { ...st.ui, helpOpen: !st.ui.helpOpen } })),
      setReducedMotion: (reduce) => {
        if (get().ui.reducedMotion !== reduce) set((st) => ({ ui: { ...st.ui, reducedMotion: reduce } }));
      },
      dismissError: () => set((st) => ({ ui: { ...st.ui, error: null } })),
      reset: () =>
        guarded(ctx, async () => {
          playback.stopLoop();
          ctx.renewClient();
          set((st) => ({ ui: { ...st.ui, error: null } }));
          const primary = get().playback.primary;
          const cursor = get().playback.cursor;
          const sims = Object.values(get().sims);
          // The primary first (it sets the clock), then the others at that time.
          sims.sort((a, b) => (a.id === primary ? -1 : b.id === primary ? 1 : 0));
          for (const s of sims) {
            if (!s.scenario) continue;
            await actions.loadScenario(s.scenario, {
              sim: s.id,
              interventions: s.meta?.interventions ?? [],
              ...(s.id === primary ? { cursor } : {}),
            });
          }
        }),
      destroy: () => {
        playback.stopLoop();
        for (const id of runtimes.keys()) renew(id);
        client?.close();
        client = null;
      },
    };

    return {
      sims: {},
      playback: { primary: MAIN_SIM, cursor: 0, tNs: 0, playing: false, speedIndex: DEFAULT_SPEED_INDEX },
      view: { selectedPage: null, zoom: 1, mode: 'auto' },
      ui: { helpOpen: false, error: null, reducedMotion: opts.reducedMotion ?? false },
      actions,
    };
  });
}
