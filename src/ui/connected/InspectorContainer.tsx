import { useEffect, useState } from 'react';
import type { SimEvent } from '../../sim/public.ts';
import { useActions, useFastZap, useFrame, useSelectedPage } from '../../state/hooks.ts';
import { narratorFor } from '../../trace/narrate.ts';
import { Inspector } from '../panels/Inspector.tsx';
import { fire } from './helpers.ts';

/** The selected page's fields and history (fetched from the worker, debounced while playing). */
export function InspectorContainer() {
  const frame = useFrame();
  const actions = useActions();
  const selectedId = useFastZap((s) => s.view.selectedPage);
  const page = useSelectedPage();
  const [history, setHistory] = useState<{ id: number; events: readonly SimEvent[] } | null>(null);
  const cursor = frame?.cursor ?? 0;

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

  if (!frame || selectedId === null) return null;
  return (
    <div className="fz-inspector-float">
      <Inspector
        page={page}
        selectedId={selectedId}
        globalGen={frame.globalGen}
        history={history && history.id === selectedId ? history.events : null}
        narrate={narratorFor(frame.names)}
        onSelect={(id) => actions.selectPage(id)}
        onSeek={(c) => fire(actions.seek(c))}
      />
    </div>
  );
}
