import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { createPanZoom, type PanZoom } from '../../viz/panzoom.ts';
import { fitTransform, sameTransform } from '../../viz/fit.ts';
import type { Bounds } from '../../viz/layout.ts';
import { progress, tweenTransform, type ViewTransform } from '../../viz/tween.ts';
import type { ElementSize } from '../useElementSize.ts';

const FIT_MS = 450;

export interface Camera {
  readonly transform: ViewTransform;
  /** Follow the content again (and fit it now). */
  readonly fit: () => void;
  readonly zoomBy: (factor: number) => void;
  /** The camera follows the content until the user pans or zooms. */
  readonly following: boolean;
}

/**
 * The forest camera: d3-zoom through the vanilla createPanZoom behaviour (created once, destroyed
 * on unmount), plus an automatic fit that follows the content until the user takes over. The fit
 * is tweened (a pure function of the rAF clock), or instant under reduced motion.
 */
export function usePanZoom(svgRef: RefObject<SVGSVGElement | null>, bounds: Bounds, size: ElementSize, reducedMotion: boolean): Camera {
  const [transform, setTransform] = useState<ViewTransform>({ x: 0, y: 0, k: 1 });
  const [following, setFollowing] = useState(true);
  const pz = useRef<PanZoom | null>(null);
  const current = useRef(transform);
  const raf = useRef(0);
  const fitted = useRef(false);

  useEffect(() => {
    const el = svgRef.current;
    if (!el) return;
    const behaviour = createPanZoom(el, {
      minZoom: 0.03,
      maxZoom: 12,
      onTransform: (t, byUser) => {
        current.current = t;
        setTransform(t);
        if (byUser) {
          cancelAnimationFrame(raf.current);
          setFollowing(false);
        }
      },
    });
    pz.current = behaviour;
    return () => {
      cancelAnimationFrame(raf.current);
      behaviour.destroy();
      pz.current = null;
    };
  }, [svgRef]);

  const { x0, y0, x1, y1 } = bounds;
  const { width, height } = size;
  useEffect(() => {
    if (!following || width <= 0 || height <= 0) return;
    const target = fitTransform({ x0, y0, x1, y1 }, { width, height }, 16, 2.2);
    const from = current.current;
    if (sameTransform(from, target)) return;
    cancelAnimationFrame(raf.current);
    if (reducedMotion || !fitted.current) {
      fitted.current = true;
      pz.current?.setTransform(target);
      return;
    }
    const start = performance.now();
    const tick = (now: number) => {
      const t = progress(start, FIT_MS, now);
      pz.current?.setTransform(tweenTransform(from, target, t));
      if (t < 1) raf.current = requestAnimationFrame(tick);
    };
    raf.current = requestAnimationFrame(tick);
  }, [following, x0, y0, x1, y1, width, height, reducedMotion]);

  const fit = useCallback(() => setFollowing(true), []);
  const zoomBy = useCallback(
    (factor: number) => {
      setFollowing(false);
      pz.current?.scaleBy(factor, [width / 2, height / 2]);
    },
    [width, height],
  );
  return { transform, fit, zoomBy, following };
}
