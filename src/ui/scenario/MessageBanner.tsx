import type { ScenarioError } from '../../scenario/errors.ts';

/** A message for the person: an error (something did not open) or notes (something was dropped). */
export type BannerMessage =
  | { readonly type: 'error'; readonly code?: string; readonly text: string; readonly details?: readonly string[] }
  | { readonly type: 'note'; readonly text: string; readonly details?: readonly string[] };

export function errorMessage(error: ScenarioError): BannerMessage {
  return { type: 'error', code: error.code, text: error.message, details: error.issues.length > 1 ? error.issues : [] };
}

/** Notes (from opening a link or file) as one message, or null when there are none. */
export function notesMessage(notes: readonly string[]): BannerMessage | null {
  const [first, ...rest] = notes;
  return first === undefined ? null : { type: 'note', text: first, details: rest };
}

export interface MessageBannerProps {
  readonly message: BannerMessage | null;
  readonly onDismiss: () => void;
}

/** Errors are announced at once (role="alert"); notes politely (role="status"). Dismissible. */
export function MessageBanner({ message, onDismiss }: MessageBannerProps) {
  if (!message) return null;
  const isError = message.type === 'error';
  return (
    <div className={isError ? 'fz-message is-error' : 'fz-message is-note'} role={isError ? 'alert' : 'status'}>
      <span className="fz-message-icon" aria-hidden="true">
        {isError ? '⚠' : 'ℹ'}
      </span>
      <div className="fz-message-text">
        <p>
          {message.text}
          {isError && message.code ? (
            <>
              {' '}
              <code className="fz-muted">{message.code}</code>
            </>
          ) : null}
        </p>
        {message.details?.length ? (
          <ul>
            {message.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <button type="button" className="fz-btn fz-btn-small" onClick={onDismiss} aria-label={isError ? 'Dismiss error' : 'Dismiss note'}>
        Dismiss
      </button>
    </div>
  );
}
