import type { ReactNode } from 'react';
import type { Preset } from '../scenario/presets.ts';

export interface HeaderProps {
  readonly presets: readonly Preset[];
  /** The preset the run is based on; null = a custom scenario (a file, a link). */
  readonly preset: string | null;
  readonly onPreset: (name: string) => void;
  readonly drawerOpen: boolean;
  /** Open/close the scenario panel (presets, editor, share links, files). */
  readonly onDrawer: () => void;
  readonly largeType: boolean;
  readonly onLargeType: () => void;
  readonly onHelp: () => void;
  /** The generation display and the interventions, between the title and the view buttons. */
  readonly children?: ReactNode;
}

/** Title, scenario picker, the generation (children), and the view buttons. */
export function Header({ presets, preset, onPreset, largeType, onLargeType, onHelp, drawerOpen, onDrawer, children }: HeaderProps) {
  return (
    <header className="fz-header">
      <div className="fz-brand">
        <h1>
          FastZap <span className="fz-muted">KVM fast invalidate-all · Linux 3.11</span>
        </h1>
        <label className="fz-preset">
          <span className="fz-preset-label">Scenario</span>
          <select value={preset ?? ''} onChange={(e) => onPreset(e.currentTarget.value)} aria-label="Scenario">
            {preset === null && (
              <option value="" disabled>
                Custom scenario
              </option>
            )}
            {presets.map((p) => (
              <option key={p.name} value={p.name}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {children}
      <div className="fz-view-buttons">
        <button
          type="button"
          className="fz-btn fz-btn-small"
          aria-expanded={drawerOpen}
          onClick={onDrawer}
          title="Presets, editor, share links, files"
        >
          Scenario &amp; share
        </button>
        <button
          type="button"
          className="fz-btn fz-btn-small"
          aria-pressed={largeType}
          onClick={onLargeType}
          title="Large type for projectors (L)"
        >
          Large type
        </button>
        <button
          type="button"
          className="fz-btn fz-btn-small"
          onClick={onHelp}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </div>
    </header>
  );
}
