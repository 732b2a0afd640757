import { useEffect, useRef } from 'react';

export interface ForkNoticeProps {
  /** The cursor at which the intervention was made. */
  readonly at: number;
  readonly onClose: () => void;
}

/** A short notice that intervening in the past replaced the future that was computed. */
export function ForkNotice({ at, onClose }: ForkNoticeProps) {
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const t = setTimeout(() => close.current(), 8000);
    return () => clearTimeout(t);
  }, []);
  return (
    <div className="fz-fork" role="status">
      <span aria-hidden="true">⑂</span>
      {` You intervened at event ${at.toLocaleString('en-US')}: the future after it is recomputed from there (the old one is gone; step back to before event ${at.toLocaleString('en-US')} to see the shared past).`}
      <button type="button" className="fz-btn fz-btn-small" onClick={onClose} aria-label="Dismiss notice">
        ×
      </button>
    </div>
  );
}
