/**
 * The sims slice: the simulations the UI knows (usually one, MAIN_SIM; two for a comparison on
 * one clock), and the actions that change a run: load, unload, intervene; plus a page's history.
 */
import type { Progress, SimId, SimMeta } from '../protocol/messages.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { Intervention } from '../sim/public.ts';
import type { Frame } from '../trace/frame.ts';
import { computeAhead, forgetLandmarksFrom, refreshLandmarks } from './computeAhead.ts';
import { refreshWindow, requestFrame } from './framePump.ts';
import { share } from './share.ts';
import { emptySlot, guarded, patchSim, reportError, type StoreCtx } from './storeCtx.ts';
import type { FastZapState, LoadScenarioOptions, SimsActions } from './types.ts';

/** A slot's fields once its run is loaded. */
interface Loaded {
  readonly status: 'ready';
  readonly meta: SimMeta;
  readonly progress: Progress;
  readonly frame: Frame;
}

export interface SimsSlice {
  readonly sims: FastZapState['sims'];
  readonly actions: SimsActions;
}

/** After a load of the primary: its frame, cursor and clock in one update; the others follow. */
async function showPrimary(ctx: StoreCtx, sim: SimId, ready: Loaded, cursor: number | undefined): Promise<void> {
  const { frame } = ready;
  ctx.set((st) => {
    const slot = st.sims[sim];
    if (!slot) return st;
    return { sims: { ...st.sims, [sim]: { ...slot, ...ready } }, playback: { ...st.playback, cursor: frame.cursor, tNs: frame.tNs } };
  });
  // The load computes a bounded amount: a cursor further on is computed in chunks.
  if (cursor !== undefined && frame.cursor !== cursor) return ctx.get().actions.seek(cursor);
  const { sims } = ctx.get();
  const others = (Object.keys(sims) as SimId[]).filter((id) => id !== sim && sims[id]?.status === 'ready');
  await Promise.all(others.map((id) => requestFrame(ctx, id, { type: 'time', tNs: frame.tNs })));
}

/** Load a run into `o.sim` (default: the primary): void what was on its way, show, compute ahead. */
async function loadScenario(ctx: StoreCtx, scenario: Scenario, o: LoadScenarioOptions, startAfterSetup: boolean): Promise<void> {
  const { get, set } = ctx;
  const sim = o.sim ?? get().playback.primary;
  const rt = ctx.conn.renew(sim);
  const epoch = rt.epoch;
  rt.load = { interventions: o.interventions ?? [], cursor: o.cursor };
  set((st) => ({ sims: { ...st.sims, [sim]: { ...emptySlot(sim), status: 'loading', scenario } } }));
  try {
    const cursor = o.cursor;
    const r = await ctx.conn.client().load(sim, scenario, {
      interventions: o.interventions ?? [],
      target: cursor ? { type: 'cursor', cursor } : null,
      startAfterSetup: cursor === undefined && (o.startAfterSetup ?? startAfterSetup),
      detail: get().view.mode,
    });
    if (!ctx.conn.isCurrent(sim, epoch)) return;
    const ready: Loaded = { status: 'ready', meta: r.meta, progress: r.progress, frame: r.frame };
    if (sim === get().playback.primary) await showPrimary(ctx, sim, ready, cursor);
    else {
      patchSim(ctx, sim, ready);
      await requestFrame(ctx, sim, { type: 'time', tNs: get().playback.tNs });
    }
    if (!ctx.conn.isCurrent(sim, epoch)) return;
    await Promise.all([refreshWindow(ctx, sim), refreshLandmarks(ctx, sim)]);
    void computeAhead(ctx, sim);
  } catch (e) {
    if (ctx.conn.isCurrent(sim, epoch)) patchSim(ctx, sim, { status: 'error' });
    throw e;
  }
}

/** Apply `action` at the current cursor of `sim`: the future after it is recomputed. */
async function intervene(ctx: StoreCtx, action: Intervention, simArg: SimId | undefined): Promise<void> {
  const pb = ctx.get().playback;
  const sim = simArg ?? pb.primary;
  const slot = ctx.get().sims[sim];
  if (!slot?.progress || !slot.frame) return;
  const epoch = ctx.conn.runtime(sim).epoch;
  const at = Math.min(sim === pb.primary ? pb.cursor : slot.frame.cursor, slot.progress.events);
  const r = await ctx.conn.client().intervene(sim, at, action, ctx.get().view.mode);
  if (!ctx.conn.isCurrent(sim, epoch)) return;
  // The future after r.at is new: forget landmarks found in the old one.
  forgetLandmarksFrom(ctx, sim, r.at);
  ctx.conn.runtime(sim).frames.wantCursor = null;
  // The fork's frame, progress and (for the primary) cursor and clock in one update.
  ctx.set((st) => {
    const s = st.sims[sim];
    if (!s) return st;
    const next = {
      ...s,
      meta: r.meta,
      progress: r.progress,
      frame: share(s.frame, r.frame),
      landmarks: s.landmarks.filter((l) => l.i < r.at),
    };
    const playback = sim === st.playback.primary ? { ...st.playback, cursor: r.cursor, tNs: r.frame.tNs } : st.playback;
    return { sims: { ...st.sims, [sim]: next }, playback };
  });
  await refreshWindow(ctx, sim, true);
  await refreshLandmarks(ctx, sim);
  void computeAhead(ctx, sim);
}

/**
 * @param startAfterSetup the store's default for a load without a cursor (see StoreOptions).
 */
export function createSimsSlice(ctx: StoreCtx, startAfterSetup: boolean): SimsSlice {
  return {
    sims: {},
    actions: {
      loadScenario: (scenario, o = {}) => guarded(ctx, () => loadScenario(ctx, scenario, o, startAfterSetup)),
      unloadSim: (sim) =>
        guarded(ctx, async () => {
          ctx.conn.drop(sim);
          ctx.set((st) => ({ sims: Object.fromEntries(Object.entries(st.sims).filter(([id]) => id !== sim)) }));
          await ctx.conn.client().dispose(sim);
        }),
      intervene: (action, sim) => guarded(ctx, () => intervene(ctx, action, sim)),
      pageHistory: async (page, simArg) => {
        const sim = simArg ?? ctx.get().playback.primary;
        const cursor = ctx.get().sims[sim]?.frame?.cursor ?? 0;
        try {
          return await ctx.conn.client().history(sim, page, cursor);
        } catch (e) {
          reportError(ctx, e);
          return [];
        }
      },
    },
  };
}
