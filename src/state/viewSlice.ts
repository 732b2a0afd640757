/** The view slice: what the user looks at (the selected page, the forest's zoom, the detail mode). */
import type { SimId } from '../protocol/messages.ts';
import { requestFrame } from './framePump.ts';
import type { StoreCtx } from './storeCtx.ts';
import type { ViewActions, ViewState } from './types.ts';

export interface ViewSlice {
  readonly view: ViewState;
  readonly actions: ViewActions;
}

export function createViewSlice(ctx: StoreCtx): ViewSlice {
  const { get, set } = ctx;
  return {
    view: { selectedPage: null, zoom: 1, mode: 'auto' },
    actions: {
      selectPage: (page) => set((st) => ({ view: { ...st.view, selectedPage: page } })),
      setZoom: (zoom) => set((st) => ({ view: { ...st.view, zoom: Math.max(0.05, Math.min(40, zoom)) } })),
      setDetailMode: (mode) => {
        set((st) => ({ view: { ...st.view, mode } }));
        // Every sim's frame again, at its cursor, in the new mode.
        for (const [id, s] of Object.entries(get().sims)) {
          if (s.frame) void requestFrame(ctx, id as SimId, { type: 'cursor', cursor: s.frame.cursor });
        }
      },
    },
  };
}
