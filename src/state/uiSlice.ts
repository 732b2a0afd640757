/** The ui slice: the help overlay, the error shown to the user, and `prefers-reduced-motion`. */
import type { StoreCtx } from './storeCtx.ts';
import type { UiActions, UiState } from './types.ts';

export interface UiSlice {
  readonly ui: UiState;
  readonly actions: UiActions;
}

export function createUiSlice(ctx: StoreCtx, reducedMotion: boolean): UiSlice {
  const { get, set } = ctx;
  return {
    ui: { helpOpen: false, error: null, reducedMotion },
    actions: {
      setHelpOpen: (open) => set((st) => ({ ui: { ...st.ui, helpOpen: open } })),
      toggleHelp: () => set((st) => ({ ui: { ...st.ui, helpOpen: !st.ui.helpOpen } })),
      setReducedMotion: (reduce) => {
        if (get().ui.reducedMotion !== reduce) set((st) => ({ ui: { ...st.ui, reducedMotion: reduce } }));
      },
      dismissError: () => set((st) => ({ ui: { ...st.ui, error: null } })),
    },
  };
}
