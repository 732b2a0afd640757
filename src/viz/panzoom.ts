/**
 * Pan and zoom for the forest as a vanilla behaviour (the xyflow XYPanZoom pattern): d3-zoom
 * listens on the SVG element and reports transforms; React renders the transformed group from
 * them. d3-selection is used only to attach the behaviour, never to render nodes.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent } from 'd3-zoom';
import type { ViewTransform } from './tween.ts';

export interface PanZoomOptions {
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Called on every change; `byUser` is false for changes made through `setTransform`. */
  readonly onTransform: (t: ViewTransform, byUser: boolean) => void;
}

export interface PanZoom {
  update(opts: Partial<PanZoomOptions>): void;
  /** Move the camera programmatically (fit, zoom buttons, tweens). */
  setTransform(t: ViewTransform): void;
  /** Zoom by a factor about the viewport centre. */
  scaleBy(factor: number, center: readonly [number, number]): void;
  destroy(): void;
}

export function createPanZoom(el: SVGSVGElement, initial: PanZoomOptions): PanZoom {
  let opts = initial;
  const sel = select<SVGSVGElement, unknown>(el);
  const behaviour = zoom<SVGSVGElement, unknown>()
    .scaleExtent([opts.minZoom, opts.maxZoom])
    // Wheel zooms; drag pans; a double click is left to the page nodes (select, not zoom).
    .filter((event: Event) => event.type !== 'dblclick' && !(event instanceof MouseEvent && event.button !== 0))
    .on('zoom', (e: D3ZoomEvent<SVGSVGElement, unknown>) => {
      const { x, y, k } = e.transform;
      opts.onTransform({ x, y, k }, e.sourceEvent != null);
    });
  sel.call(behaviour);
  return {
    update(next) {
      opts = { ...opts, ...next };
      behaviour.scaleExtent([opts.minZoom, opts.maxZoom]);
    },
    setTransform(t) {
      behaviour.transform(sel, zoomIdentity.translate(t.x, t.y).scale(t.k));
    },
    scaleBy(factor, center) {
      behaviour.scaleBy(sel, factor, [center[0], center[1]]);
    },
    destroy() {
      sel.on('.zoom', null);
    },
  };
}
