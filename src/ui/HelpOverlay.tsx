import { useEffect, useRef } from 'react';

export interface HelpOverlayProps {
  readonly onClose: () => void;
  /** Single-key shortcuts on (they can be turned off, for speech input and clickers). */
  readonly shortcuts: boolean;
  readonly onShortcuts: (on: boolean) => void;
}

const KEYS: [string, string][] = [
  ['Space', 'Play / pause'],
  ['→  /  ←', 'Step one event forward / back'],
  ['Shift + →  /  Shift + ←', 'Next / previous landmark (bump, reload, lock break, done)'],
  ['Page Down  /  Page Up', 'Next / previous landmark (presentation clickers)'],
  ['+  /  −', 'Faster / slower'],
  ['L', 'Large type (projector)'],
  ['S', 'Stop computing the run / continue'],
  ['Tab to the forest, then arrows', 'Move between pages; the inspector follows'],
  ['Enter', 'Select the focused page'],
  ['?', 'This help'],
  ['Escape', 'Close this help / clear the selection'],
];

/** The keyboard help: a modal dialog; Escape closes it and focus returns where it was. */
export function HelpOverlay({ onClose, shortcuts, onShortcuts }: HelpOverlayProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  const checkRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="fz-overlay" onClick={onClose}>
      <div
        className="fz-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="fz-help-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
          // Keep Tab inside the dialog (its checkbox and its button).
          if (e.key === 'Tab') {
            const items = [checkRef.current, closeRef.current].filter((x) => x !== null);
            const i = items.indexOf(document.activeElement as HTMLInputElement & HTMLButtonElement);
            e.preventDefault();
            items[(i + (e.shiftKey ? items.length - 1 : 1)) % items.length]?.focus();
          }
        }}
      >
        <h2 id="fz-help-title">Keyboard shortcuts</h2>
        <table className="fz-keys">
          <tbody>
            {KEYS.map(([k, what]) => (
              <tr key={k}>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="fz-muted">
          Every picture is the state after the events up to the cursor: pausing, stepping back or scrubbing always shows what the
          kernel&apos;s data structures held at that moment.
        </p>
        <label className="fz-check">
          <input ref={checkRef} type="checkbox" checked={shortcuts} onChange={(e) => onShortcuts(e.currentTarget.checked)} />
          Single-key shortcuts (turn off for speech input or a presentation clicker that types)
        </label>
        <button ref={closeRef} type="button" className="fz-btn fz-btn-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
