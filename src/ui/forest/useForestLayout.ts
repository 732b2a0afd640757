import { useMemo, useRef } from 'react';
import type { PageView } from '../../trace/frame.ts';
import { layoutForest, type ForestLayout, type LayoutMemory } from '../../viz/layout.ts';

/**
 * The forest layout for the pages at the cursor, remembering the previous layout so pages keep
 * their places between steps. `resetKey` changes (a new scenario) forget the memory.
 */
export function useForestLayout(pages: readonly PageView[], resetKey: string): ForestLayout {
  const mem = useRef<{ key: string; memory: LayoutMemory | null }>({ key: resetKey, memory: null });
  return useMemo(() => {
    if (mem.current.key !== resetKey) mem.current = { key: resetKey, memory: null };
    const layout = layoutForest(pages, mem.current.memory);
    mem.current.memory = layout.memory;
    return layout;
  }, [pages, resetKey]);
}
