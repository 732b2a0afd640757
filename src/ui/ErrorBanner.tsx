export interface ErrorBannerProps {
  readonly code: string;
  readonly message: string;
  readonly resettable: boolean;
  readonly onReset: () => void;
  readonly onDismiss: () => void;
}

/** A worker or scenario error: what happened, its code, and a way out. */
export function ErrorBanner({ code, message, resettable, onReset, onDismiss }: ErrorBannerProps) {
  return (
    <div className="fz-error" role="alert">
      <span className="fz-error-icon" aria-hidden="true">
        ⚠
      </span>
      <span className="fz-error-text">
        {message} <code className="fz-muted">{code}</code>
      </span>
      <button type="button" className="fz-btn fz-btn-small" onClick={onReset}>
        Reset
      </button>
      {!resettable && (
        <button type="button" className="fz-btn fz-btn-small" onClick={onDismiss} aria-label="Dismiss error">
          Dismiss
        </button>
      )}
    </div>
  );
}
