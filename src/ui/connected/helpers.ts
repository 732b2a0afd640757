import type { Landmark } from '../../protocol/messages.ts';
import { PAGE_STATES, type AggregateCell, type PageState } from '../../trace/frame.ts';

/** Pages per state, summed over levels. */
export function countsByState(cells: readonly AggregateCell[]): Record<PageState, number> {
  const out = Object.fromEntries(PAGE_STATES.map((s) => [s, 0])) as Record<PageState, number>;
  for (const c of cells) out[c.state] += c.count;
  return out;
}

/** Obsolete pages, summed over levels. */
export function obsoleteCount(cells: readonly AggregateCell[]): number {
  let n = 0;
  for (const c of cells) if (c.state === 'obsolete') n += c.count;
  return n;
}

/** The event index of the last generation bump applied at `cursor`, or null. */
export function lastBump(landmarks: readonly Landmark[], cursor: number): number | null {
  let found: number | null = null;
  for (const l of landmarks) {
    if (l.i >= cursor) break;
    if (l.type === 'gen.bumped') found = l.i;
  }
  return found;
}

/** Run an action's promise without awaiting it; the store reports real failures in ui.error. */
export function fire(p: Promise<unknown>): void {
  p.catch(() => undefined);
}
