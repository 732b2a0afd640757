/**
 * The discrete-event queue: a binary min-heap of wake-ups ordered by (tNs, seq). `seq` breaks
 * ties in scheduling order, so equal times always pop in the same order.
 */
import type { Wakeup } from './types.ts';

function before(a: Wakeup, b: Wakeup): boolean {
  return a.tNs < b.tNs || (a.tNs === b.tNs && a.seq < b.seq);
}

export function heapPush(h: Wakeup[], w: Wakeup): void {
  h.push(w);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    const hp = h[p]!;
    if (!before(w, hp)) break;
    h[i] = hp;
    i = p;
  }
  h[i] = w;
}

export function heapPop(h: Wakeup[]): Wakeup | undefined {
  const top = h[0];
  const last = h.pop();
  if (top === undefined || last === undefined || h.length === 0) return top;
  let i = 0;
  const n = h.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && before(h[r]!, h[l]!) ? r : l;
    if (!before(h[c]!, last)) break;
    h[i] = h[c]!;
    i = c;
  }
  h[i] = last;
  return top;
}

export function heapPeek(h: readonly Wakeup[]): Wakeup | undefined {
  return h[0];
}
