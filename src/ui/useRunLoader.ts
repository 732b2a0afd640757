import { useCallback, useEffect, useRef, useState } from 'react';
import { openLink, type OpenedLink } from '../scenario/link.ts';
import { findPreset } from '../scenario/presets.ts';
import type { Scenario } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import type { TimedIntervention } from '../sim/public.ts';
import { useActions, useStoreApi } from '../state/hooks.ts';
import { fire } from './connected/helpers.ts';
import { errorMessage, notesMessage, type BannerMessage } from './scenario/index.ts';

export interface RunRequest {
  readonly scenario: Scenario;
  /** The preset it is based on (for the picker and "Reset to preset"), or null. */
  readonly preset: string | null;
  readonly interventions?: readonly TimedIntervention[];
  /** Where to land; null = just after the setup events (the store's startAfterSetup). */
  readonly cursor?: number | null;
  readonly view?: OpenedLink['view'];
}

/**
 * Where runs come from: the link in the URL hash at start-up and on `hashchange`, the preset
 * picker, the editor and opened files. Keeps the preset name and the message banner.
 */
export function useRunLoader() {
  const actions = useActions();
  const api = useStoreApi();
  const [preset, setPreset] = useState<string | null>(null);
  const [banner, setBanner] = useState<BannerMessage | null>(null);
  /** Our own hash writes are not links to open. */
  const ownHash = useRef<string | null>(null);

  const load = useCallback(
    (run: RunRequest) => {
      setPreset(run.preset);
      actions.selectPage(null);
      fire(
        actions
          .loadScenario(run.scenario, { interventions: run.interventions ?? [], ...(run.cursor ? { cursor: run.cursor } : {}) })
          .then(async () => {
            const st = api.getState();
            const slot = st.sims[st.playback.primary];
            if (!slot || slot.scenario !== run.scenario) return;
            if (run.view?.selectedPage !== undefined) actions.selectPage(run.view.selectedPage);
            if (run.view?.zoom !== undefined) actions.setZoom(run.view.zoom);
            // Without a cursor the store opens just after the setup events (startAfterSetup).
            return Promise.resolve();
          }),
      );
    },
    [actions, api],
  );

  const loadPreset = useCallback(
    (name: string) => {
      const p = findPreset(name);
      const r = p ? validateScenario(p.scenario) : null;
      if (!r?.ok) return;
      setBanner(null);
      load({ scenario: r.value, preset: name });
    },
    [load],
  );

  const openHash = useCallback(
    (hash: string) => {
      const { run, error } = openLink(hash);
      setBanner(error ? errorMessage(error) : notesMessage(run.notes));
      load({ scenario: run.scenario, preset: run.preset, interventions: run.interventions, cursor: run.cursor, view: run.view });
    },
    [load],
  );

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    openHash(window.location.hash);
    const onHash = () => {
      if (window.location.hash === ownHash.current) return;
      openHash(window.location.hash);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [openHash]);

  return { preset, banner, setBanner, load, loadPreset };
}
