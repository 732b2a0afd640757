import './drawer.css';
import { useCallback, useEffect, useId, useRef } from 'react';
import { encodeLink, linkUrl } from '../../scenario/link.ts';
import { PRESETS } from '../../scenario/presets.ts';
import type { Result } from '../../scenario/errors.ts';
import type { TimedIntervention } from '../../sim/public.ts';
import { useSimValue, useStoreApi } from '../../state/hooks.ts';
import { FileControls, PresetPicker, ScenarioEditor, ShareButtons, type LinkKind } from '../scenario/index.ts';
import type { RunRequest } from '../useRunLoader.ts';

export interface ScenarioDrawerProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly preset: string | null;
  readonly onPreset: (name: string) => void;
  readonly onLoad: (run: RunRequest) => void;
}

const NONE: readonly TimedIntervention[] = [];

/**
 * The scenario panel: share links, presets with their descriptions, the editor, files. It follows
 * the run (scenario, interventions), not the clock: a link to this moment reads the cursor and
 * the view when it is made.
 */
export function ScenarioDrawer({ open, onClose, preset, onPreset, onLoad }: ScenarioDrawerProps) {
  const headingId = useId();
  const api = useStoreApi();
  const scenario = useSimValue((s) => s?.scenario ?? null);
  const interventions = useSimValue((s) => s?.meta?.interventions ?? NONE);
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (open) ref.current?.focus();
  }, [open]);

  const buildLink = useCallback(
    (kind: LinkKind): Result<string> => {
      if (!scenario) return { ok: false, error: { code: 'E_LINK_FORMAT', message: 'Nothing is loaded yet.', issues: [] } };
      const moment = kind === 'moment';
      const { playback, view } = api.getState();
      const h = encodeLink({
        scenario,
        preset,
        interventions,
        cursor: moment ? playback.cursor : null,
        ...(moment
          ? {
              view: {
                ...(view.selectedPage !== null ? { selectedPage: view.selectedPage } : {}),
                ...(view.zoom !== 1 ? { zoom: view.zoom } : {}),
              },
            }
          : {}),
      });
      return h.ok ? { ok: true, value: linkUrl(window.location.href, h.value) } : h;
    },
    [api, scenario, preset, interventions],
  );

  if (!open) return null;
  return (
    <aside
      ref={ref}
      className="fz-drawer"
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="fz-drawer-head">
        <h2 id={headingId}>Scenario</h2>
        <button type="button" className="fz-btn fz-btn-small" onClick={onClose} aria-label="Close scenario panel">
          Close
        </button>
      </div>
      <section aria-label="Share">
        <h3>Share</h3>
        <ShareButtons buildLink={buildLink} disabled={!scenario} />
      </section>
      <PresetPicker presets={PRESETS} selected={preset} onSelect={onPreset} />
      {scenario && <ScenarioEditor scenario={scenario} presetName={preset} onApply={(sc) => onLoad({ scenario: sc, preset })} />}
      <section aria-label="Files">
        <h3>Files</h3>
        <FileControls
          scenario={scenario}
          interventions={interventions}
          onOpen={(f) => onLoad({ scenario: f.scenario, preset: f.preset, interventions: f.interventions })}
        />
      </section>
    </aside>
  );
}
