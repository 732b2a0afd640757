import { useId, useRef, useState } from 'react';
import type { Result, ScenarioError } from '../../scenario/errors.ts';
import { MessageBanner, errorMessage } from './MessageBanner.tsx';

export type LinkKind = 'run' | 'moment';

/** The part of the Clipboard API used here (injectable for tests). */
export interface ClipboardLike {
  writeText(text: string): Promise<void>;
}

export interface ShareButtonsProps {
  /**
   * The full URL to share: `run` = the scenario, seed and interventions from the start;
   * `moment` = the same, landing on the current event (and view). E.g.
   * `(kind) => { const h = encodeLink({...}); return h.ok ? { ok: true, value: linkUrl(location.href, h.value) } : h; }`.
   */
  readonly buildLink: (kind: LinkKind) => Result<string>;
  /** Default: `navigator.clipboard`; `null` = no clipboard (the link is shown to copy by hand). */
  readonly clipboard?: ClipboardLike | null;
  readonly disabled?: boolean;
}

function defaultClipboard(): ClipboardLike | null {
  return typeof navigator !== 'undefined' && navigator.clipboard && typeof navigator.clipboard.writeText === 'function'
    ? navigator.clipboard
    : null;
}

/** "Copy link" and "Copy link to this moment", with a fallback field when the clipboard is unavailable. */
export function ShareButtons({ buildLink, clipboard, disabled = false }: ShareButtonsProps) {
  const fieldId = useId();
  const [announcement, setAnnouncement] = useState({ text: '', n: 0 });
  const [fallback, setFallback] = useState<string | null>(null);
  const [error, setError] = useState<ScenarioError | null>(null);
  const fieldRef = useRef<HTMLInputElement>(null);

  const announce = (text: string) => setAnnouncement((a) => ({ text, n: a.n + 1 }));

  const copy = async (kind: LinkKind) => {
    setError(null);
    const link = buildLink(kind);
    if (!link.ok) {
      setError(link.error);
      setFallback(null);
      return;
    }
    const what = kind === 'moment' ? 'Link to this moment' : 'Link';
    const cb = clipboard === undefined ? defaultClipboard() : clipboard;
    if (cb) {
      try {
        await cb.writeText(link.value);
        setFallback(null);
        announce(`${what} copied`);
        return;
      } catch {
        // Permission refused or not a secure context: fall through to the field.
      }
    }
    setFallback(link.value);
    announce(`Copying is not available here. ${what} shown below, selected: press Ctrl+C (⌘C on a Mac) to copy it.`);
    requestAnimationFrame(() => {
      fieldRef.current?.focus();
      fieldRef.current?.select();
    });
  };

  return (
    <div className="fz-share" role="group" aria-label="Share">
      <button type="button" className="fz-btn" disabled={disabled} onClick={() => void copy('run')}>
        Copy link
      </button>
      <button type="button" className="fz-btn" disabled={disabled} onClick={() => void copy('moment')}>
        Copy link to this moment
      </button>
      {fallback !== null ? (
        <div className="fz-share-fallback">
          <label htmlFor={fieldId}>Link to copy</label>
          <input id={fieldId} ref={fieldRef} type="text" readOnly value={fallback} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="fz-btn fz-btn-small" onClick={() => setFallback(null)}>
            Hide link
          </button>
        </div>
      ) : null}
      <MessageBanner message={error && errorMessage(error)} onDismiss={() => setError(null)} />
      <p className="fz-share-status" role="status">
        <span key={announcement.n}>{announcement.text}</span>
      </p>
    </div>
  );
}
