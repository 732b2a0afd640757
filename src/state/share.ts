/**
 * Structural sharing between consecutive frames. A frame arrives from the worker as fresh objects
 * (structured clone), so every memoised view would redraw everything on every step. `share`
 * hands back the previous value wherever the new one is deep-equal to it: an unchanged page
 * keeps its object, an unchanged `pages` array or `vcpus` array keeps its identity, and the
 * layout and the memoised nodes that depend on them skip their work. O(size of the frame),
 * well below the cost of re-rendering it.
 */

type Rec = Record<string, unknown>;

const isObject = (x: unknown): x is object => typeof x === 'object' && x !== null;

/** An array of objects with numeric ids (pages, vCPUs): elements are matched by id, not position. */
function idsOf(xs: readonly unknown[]): Map<number, unknown> | null {
  const first = xs[0];
  if (!isObject(first) || typeof (first as Rec)['id'] !== 'number') return null;
  const m = new Map<number, unknown>();
  for (const x of xs) if (isObject(x) && typeof (x as Rec)['id'] === 'number') m.set((x as Rec)['id'] as number, x);
  return m;
}

function shareArray(prev: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  const byId = next.length > 0 && prev.length > 0 ? idsOf(prev) : null;
  let same = prev.length === next.length;
  const out = new Array<unknown>(next.length);
  for (let i = 0; i < next.length; i++) {
    const n = next[i];
    const p = byId && isObject(n) ? byId.get((n as Rec)['id'] as number) : prev[i];
    const v = share(p, n);
    out[i] = v;
    if (v !== prev[i]) same = false;
  }
  return same ? prev : out;
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength || a.constructor !== b.constructor) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** `next`, with every part deep-equal to the same part of `prev` replaced by `prev`'s. */
export function share<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next) || !isObject(next) || !isObject(prev)) return next;
  if (Array.isArray(next)) return (Array.isArray(prev) ? shareArray(prev, next) : next) as T;
  if (ArrayBuffer.isView(next)) return (ArrayBuffer.isView(prev) && sameBytes(prev, next) ? prev : next) as T;
  if (Array.isArray(prev) || ArrayBuffer.isView(prev)) return next;
  const p = prev as Rec;
  const n = next as Rec;
  const keys = Object.keys(n);
  let same = keys.length === Object.keys(p).length;
  const out: Rec = {};
  for (const k of keys) {
    const v = share(p[k], n[k]);
    out[k] = v;
    if (v !== p[k] || !(k in p)) same = false;
  }
  return (same ? prev : out) as T;
}
