import { useEffect, useState } from 'react';
import type { SimEvent } from '../../sim/public.ts';
import { useActions, useFastZap, useFrameValue, useSelectedPage } from '../../state/hooks.ts';
import { narratorFor } from '../../trace/narrate.ts';
import { Inspector } from '../panels/Inspector.tsx';
import { fire } from './helpers.ts';

/**
 * The selected page's fields and history (fetched from the worker, debounced while playing).
 * With nothing selected it shows nothing and follows nothing; with a page selected it follows the
 * cursor (the history runs up to it).
 */
export function InspectorContainer() {
  const actions = useActions();
  const selectedId = useFastZap((s) => s.view.selectedPage);
  const page = useSelectedPage();
  const globalGen = useFrameValue((f) => f.globalGen, null);
  const narrate = useFrameValue((f) => narratorFor(f.names), null);
  const cursor = useFrameValue((f) => (selectedId === null ? 0 : f.cursor), 0);
  const [history, setHistory] = useState<{ id: number; events: readonly SimEvent[] } | null>(null);

  useEffect(() => {
    if (selectedId === null) return;
    let live = true;
    const t = setTimeout(() => {
      actions
        .pageHistory(selectedId)
        .then((events) => {
          if (live) setHistory({ id: selectedId, events });
        })
        .catch(() => undefined);
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [actions, selectedId, cursor]);

  if (globalGen === null || narrate === null || selectedId === null) return null;
  return (
    <div className="fz-inspector-float">
      <Inspector
        page={page}
        selectedId={selectedId}
        globalGen={globalGen}
        history={history && history.id === selectedId ? history.events : null}
        narrate={narrate}
        onSelect={actions.selectPage}
        onSeek={(c) => fire(actions.seek(c))}
      />
    </div>
  );
}
