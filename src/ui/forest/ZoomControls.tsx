export interface ZoomControlsProps {
  readonly onZoomIn: () => void;
  readonly onZoomOut: () => void;
  readonly onFit: () => void;
  readonly following: boolean;
}

/** Zoom buttons for keyboard and touch users (the wheel and drag work too). */
export function ZoomControls({ onZoomIn, onZoomOut, onFit, following }: ZoomControlsProps) {
  return (
    <div className="fz-zoom-controls" role="group" aria-label="Zoom">
      <button type="button" onClick={onZoomIn} aria-label="Zoom in" title="Zoom in">
        +
      </button>
      <button type="button" onClick={onZoomOut} aria-label="Zoom out" title="Zoom out">
        −
      </button>
      <button type="button" onClick={onFit} aria-label="Fit to view" aria-pressed={following} title="Fit the whole forest (and follow it)">
        Fit
      </button>
    </div>
  );
}
