import { useId } from 'react';
import type { Preset } from '../../scenario/presets.ts';

export interface PresetPickerProps {
  readonly presets: readonly Preset[];
  /** The preset the run came from, marked as current. */
  readonly selected: string | null;
  readonly onSelect: (name: string) => void;
  /** Default "Presets". */
  readonly heading?: string;
}

/** Each preset is a teaching point: its title opens it, its paragraph says what to watch for. */
export function PresetPicker({ presets, selected, onSelect, heading = 'Presets' }: PresetPickerProps) {
  const id = useId();
  return (
    <section className="fz-presets" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{heading}</h2>
      <ul>
        {presets.map((p, i) => {
          const current = p.name === selected;
          return (
            <li key={p.name} className={current ? 'fz-preset-item is-current' : 'fz-preset-item'}>
              <button
                type="button"
                className="fz-preset-open"
                aria-current={current ? 'true' : undefined}
                aria-describedby={`${id}-d${i}`}
                onClick={() => onSelect(p.name)}
              >
                {p.title}
                {current ? <span className="fz-muted"> (open)</span> : null}
              </button>
              <p id={`${id}-d${i}`} className="fz-preset-description">
                {p.description}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
