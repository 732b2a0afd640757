import { memo, useEffect, useRef } from 'react';
import type { SimEvent } from '../../sim/public.ts';
import { formatNs } from '../../trace/format.ts';

export interface EventLogProps {
  readonly events: readonly SimEvent[];
  /** Events applied; the current event is `cursor - 1`. */
  readonly cursor: number;
  readonly narrate: (e: SimEvent) => { readonly text: string; readonly fn: string };
  /** Seek so that event `i` is the last applied. */
  readonly onSeek: (cursor: number) => void;
}

const QUIET = new Set(['lock.acquired', 'lock.released', 'vcpu.entered', 'vcpu.exited', 'fault.started', 'tlb.flushed']);

/** The narration: one sentence per event with its kernel function; the current one highlighted. */
function EventLogImpl({ events, cursor, narrate, onSeek }: EventLogProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const current = cursor - 1;
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    // Scroll the list only (never the page) to keep the current event in view, now and whenever
    // the list is resized (large type, window size).
    const reveal = () => {
      const el = list.querySelector<HTMLElement>('[aria-current="step"]');
      if (!el) return;
      const top = el.offsetTop; // the list is the offsetParent (position: relative)
      if (top < list.scrollTop || top + el.offsetHeight > list.scrollTop + list.clientHeight) {
        list.scrollTop = Math.max(0, top - list.clientHeight / 3);
      }
    };
    // Measure in the next frame, not inside React's commit: reading offsetTop forces a layout,
    // and doing it in the commit made every step wait for it.
    const raf = requestAnimationFrame(reveal);
    if (typeof ResizeObserver === 'undefined') return () => cancelAnimationFrame(raf);
    const ro = new ResizeObserver(reveal);
    ro.observe(list);
    return () => {
      cancelAnimationFrame(raf);
      ro.disconnect();
    };
  }, [current, events]);
  return (
    <ol className="fz-events" ref={listRef} aria-label="Event log">
      {events.map((e) => {
        const n = narrate(e);
        const isCurrent = e.i === current;
        return (
          <li
            key={e.i}
            aria-current={isCurrent ? 'step' : undefined}
            className={`${isCurrent ? 'is-current' : ''}${e.i > current ? ' is-future' : ''}${QUIET.has(e.type) ? ' is-quiet' : ''}`}
          >
            <button type="button" onClick={() => onSeek(e.i + 1)} aria-label={`Go to event ${e.i}: ${n.text}`}>
              <span className="fz-ev-meta">
                <span className="fz-ev-i">{`#${e.i}`}</span>
                <span className="fz-ev-t">{formatNs(e.tNs)}</span>
                <code className="fz-ev-fn">{n.fn}</code>
              </span>
              <span className="fz-ev-text">{n.text}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

export const EventLog = memo(EventLogImpl);
