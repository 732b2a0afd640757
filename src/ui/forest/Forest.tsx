import { useCallback, useMemo, useRef, type KeyboardEvent } from 'react';
import type { Frame, PageView } from '../../trace/frame.ts';
import { labelTier } from '../../viz/fit.ts';
import { placeVcpus } from '../../viz/vcpus.ts';
import { useElementSize } from '../useElementSize.ts';
import { ForestLayer } from './ForestLayer.tsx';
import { SEP, VCPU_ROW_Y, VCPU_W, fitBounds, nodeWidths } from './geometry.ts';
import { neighbour, type Direction } from './navigate.ts';
import { useForestLayout } from './useForestLayout.ts';
import { usePanZoom } from './usePanZoom.ts';
import { VcpuLayer } from './VcpuLayer.tsx';
import { ZoomControls } from './ZoomControls.tsx';

export interface ForestProps {
  readonly frame: Frame;
  readonly pages: readonly PageView[];
  /** Changes when a new scenario is loaded (the layout forgets its places). */
  readonly layoutKey: string;
  readonly selected: number | null;
  readonly onSelect: (id: number | null) => void;
  readonly reducedMotion: boolean;
}

const KEY_DIR: Record<string, Direction> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  Home: 'first',
  End: 'last',
};

/** The shadow-page forest in SVG: pages, edges, vCPUs, pan/zoom, keyboard selection. */
export function Forest({ frame, pages, layoutKey, selected, onSelect, reducedMotion }: ForestProps) {
  const layout = useForestLayout(pages, layoutKey);
  const svgRef = useRef<SVGSVGElement>(null);
  const [boxRef, size] = useElementSize<HTMLDivElement>();
  const spots = useMemo(
    () => placeVcpus(frame.vcpus, layout, frame.globalGen, VCPU_W + 10, VCPU_ROW_Y),
    [frame.vcpus, layout, frame.globalGen],
  );
  const live = useMemo(() => pages.filter((p) => p.state !== 'freed').map((p) => p.id), [pages]);
  const bounds = useMemo(() => {
    const b = fitBounds(layout, live);
    const xs = spots.map((s) => s.x);
    return { ...b, x0: Math.min(b.x0, ...xs.map((x) => x - VCPU_W)), x1: Math.max(b.x1, ...xs.map((x) => x + VCPU_W)) };
  }, [layout, spots, live]);
  const camera = usePanZoom(svgRef, bounds, size, reducedMotion);
  const tier = labelTier(camera.transform.k, SEP);
  const widths = useMemo(() => nodeWidths(layout), [layout]);
  const focusId =
    selected !== null && layout.nodes.has(selected)
      ? selected
      : (pages.find((p) => p.parent === null && p.level === 4)?.id ?? pages[0]?.id ?? null);

  const select = useCallback((id: number) => onSelect(id), [onSelect]);
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key === 'Escape' && selected !== null) {
      onSelect(null);
      return;
    }
    const dir = KEY_DIR[e.key];
    if (!dir || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const next = focusId === null ? null : neighbour(layout, pages, focusId, dir);
    if (next === null) return;
    onSelect(next);
    // Move focus with the selection (roving tabindex).
    requestAnimationFrame(() => svgRef.current?.querySelector<SVGGElement>(`[data-page-id="${next}"]`)?.focus());
  };
  const t = camera.transform;
  return (
    <div className="fz-forest" ref={boxRef}>
      <svg
        ref={svgRef}
        className={`fz-forest-svg fz-tier-${tier}`}
        role="group"
        aria-label="Shadow page forest: level-4 roots at the top, level-1 pages at the bottom. Arrow keys move between pages; Enter selects."
        aria-roledescription="forest"
        data-keyscope="forest"
        onKeyDown={onKeyDown}
        onClick={() => onSelect(null)}
      >
        <g transform={`translate(${t.x},${t.y}) scale(${t.k})`}>
          <ForestLayer
            layout={layout}
            pages={pages}
            widths={widths}
            tier={tier}
            globalGen={frame.globalGen}
            cursor={frame.cursor}
            selected={selected}
            focusId={focusId}
            onSelect={select}
            captionX={bounds.x0 + 64}
          />
          <VcpuLayer spots={spots} vcpus={frame.vcpus} />
        </g>
      </svg>
      <ZoomControls
        onZoomIn={() => camera.zoomBy(1.4)}
        onZoomOut={() => camera.zoomBy(1 / 1.4)}
        onFit={camera.fit}
        following={camera.following}
      />
    </div>
  );
}
