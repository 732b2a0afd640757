/**
 * The event log in compact form: about 25–40 bytes per event instead of ~170 for the objects
 * (a large run logs one to two million events). Events are decoded on demand into fresh objects
 * equal to the ones pushed, keys in the same order (so their JSON, and its hash, is identical).
 *
 * Layout: events in chunks of 2^14; per event its time (f64), its shape (u16) and its actor (u16)
 * in columns, and its other values as int32 words. A shape (eventShapes.ts) is what stays the same
 * from one event to the next of a kind. Values that fit no kind (an object, a non-integer array)
 * are kept by reference.
 */
import type { ActorName, SimEvent, SimEventType } from './events.ts';
import { K, ShapeTable, StringTable } from './eventShapes.ts';

const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

interface Chunk {
  readonly tNs: Float64Array;
  readonly shape: Uint16Array;
  readonly actor: Uint16Array;
  /** Offset of each event's first word; `start[n]` is the end of the last one. */
  readonly start: Uint32Array;
  words: Int32Array;
}

const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

/** An append-only (and truncatable) log of events, stored compactly. */
export class EventLog implements Iterable<SimEvent> {
  private readonly chunks: Chunk[] = [];
  private n = 0;
  private readonly shapes = new ShapeTable();
  private readonly strings = new StringTable();
  /** Values kept by reference, with the event they belong to (for truncation). */
  private readonly refs: { readonly at: number; readonly value: unknown }[] = [];

  /** Number of events. */
  get length(): number {
    return this.n;
  }

  /** Append event `e`, which must be event number `length` (`e.i === length`). */
  push(e: SimEvent): void {
    const at = this.n;
    if (e.i !== at) throw new Error(`event log: event ${e.i} pushed at index ${at}`);
    const j = at & MASK;
    if (j === 0) this.openChunk();
    const c = this.chunks[at >> CHUNK_BITS]!;
    const rec = e as unknown as Record<string, unknown>;
    const keys = Object.keys(rec);
    const vals = Object.values(rec);
    const shape = this.shapes.of(rec['type'] as string, keys, vals, at);
    c.shape[j] = shape.id;
    c.tNs[j] = e.tNs;
    c.actor[j] = this.strings.id(e.actor);
    let w = c.start[j]!;
    const kinds = shape.kinds;
    for (let k = 0; k < kinds.length; k++) {
      const v = vals[k];
      switch (kinds[k]!) {
        case K.int:
          w = this.put(c, w, v as number);
          break;
        case K.float:
          f64[0] = v as number;
          w = this.put(c, w, f64Words[0]!);
          w = this.put(c, w, f64Words[1]!);
          break;
        case K.string:
          w = this.put(c, w, this.strings.id(v as string));
          break;
        case K.ints: {
          const xs = v as readonly number[];
          w = this.put(c, w, xs.length);
          for (const x of xs) w = this.put(c, w, x);
          break;
        }
        case K.ref:
          w = this.put(c, w, this.refs.length);
          this.refs.push({ at, value: v });
          break;
        case K.index:
        case K.time:
        case K.actor:
        case K.constant:
        case K.null:
        case K.true:
        case K.false:
        case K.undefined:
          break; // in a column, in the shape, or in the kind itself
      }
    }
    c.start[j + 1] = w;
    this.n = at + 1;
    // A full chunk keeps exactly the words it uses.
    if (j === MASK && c.words.length > w) c.words = c.words.slice(0, w);
  }

  /** Event `i` as a fresh object (undefined out of range; negative counts from the end, like Array.at). */
  at(i: number): SimEvent | undefined {
    const k = i < 0 ? this.n + i : i;
    if (!(k >= 0 && k < this.n)) return undefined;
    const c = this.chunks[k >> CHUNK_BITS]!;
    const j = k & MASK;
    const shape = this.shapes.get(c.shape[j]!);
    const words = c.words;
    let w = c.start[j]!;
    const out: Record<string, unknown> = {};
    const keys = shape.keys;
    for (let q = 0; q < keys.length; q++) {
      const key = keys[q]!;
      switch (shape.kinds[q]!) {
        case K.index:
          out[key] = k;
          break;
        case K.time:
          out[key] = c.tNs[j];
          break;
        case K.actor:
          out[key] = this.strings.get(c.actor[j]!);
          break;
        case K.constant:
          out[key] = shape.constants[q];
          break;
        case K.int:
          out[key] = words[w++];
          break;
        case K.float:
          f64Words[0] = words[w++]!;
          f64Words[1] = words[w++]!;
          out[key] = f64[0];
          break;
        case K.string:
          out[key] = this.strings.get(words[w++]!);
          break;
        case K.null:
          out[key] = null;
          break;
        case K.true:
          out[key] = true;
          break;
        case K.false:
          out[key] = false;
          break;
        case K.ints: {
          const len = words[w++]!;
          out[key] = Array.from(words.subarray(w, w + len));
          w += len;
          break;
        }
        case K.ref:
          out[key] = this.refs[words[w++]!]!.value;
          break;
        case K.undefined:
          out[key] = undefined;
          break;
      }
    }
    return out as unknown as SimEvent;
  }

  /** The type of event `i` (without decoding it). */
  typeAt(i: number): SimEventType {
    const c = this.chunkOf(i);
    return this.shapes.get(c.shape[i & MASK]!).type;
  }

  /** The time of event `i`. */
  tNsAt(i: number): number {
    return this.chunkOf(i).tNs[i & MASK]!;
  }

  /** The actor of event `i`. */
  actorAt(i: number): ActorName {
    return this.strings.get(this.chunkOf(i).actor[i & MASK]!) as ActorName;
  }

  /** Events [from, to) as fresh objects (clamped like Array.slice for non-negative bounds). */
  slice(from = 0, to = this.n): SimEvent[] {
    const a = Math.max(0, Math.min(from, this.n));
    const b = Math.max(a, Math.min(to, this.n));
    const out: SimEvent[] = new Array<SimEvent>(b - a);
    for (let i = a; i < b; i++) out[i - a] = this.at(i)!;
    return out;
  }

  /** Keep the first `n` events. */
  truncate(n: number): void {
    const m = Math.max(0, Math.min(Math.floor(n), this.n));
    if (m === this.n) return;
    this.n = m;
    // The last chunk kept may have been trimmed when full: `put` grows it again.
    this.chunks.length = (m + MASK) >> CHUNK_BITS;
    while (this.refs.length > 0 && this.refs[this.refs.length - 1]!.at >= m) this.refs.pop();
  }

  /** Bytes held by the columns and words (strings, shapes and kept objects not counted). */
  get byteLength(): number {
    let b = 0;
    for (const c of this.chunks) b += c.tNs.byteLength + c.shape.byteLength + c.actor.byteLength + c.start.byteLength + c.words.byteLength;
    return b;
  }

  *[Symbol.iterator](): Iterator<SimEvent> {
    for (let i = 0; i < this.n; i++) yield this.at(i)!;
  }

  private chunkOf(i: number): Chunk {
    if (!(i >= 0 && i < this.n)) throw new RangeError(`event log: no event ${i} in a log of ${this.n}`);
    return this.chunks[i >> CHUNK_BITS]!;
  }

  private openChunk(): void {
    const start = new Uint32Array(CHUNK + 1);
    this.chunks.push({
      tNs: new Float64Array(CHUNK),
      shape: new Uint16Array(CHUNK),
      actor: new Uint16Array(CHUNK),
      start,
      words: new Int32Array(CHUNK * 2),
    });
  }

  private put(c: Chunk, w: number, v: number): number {
    if (w >= c.words.length) c.words = grow(c.words, w + 1);
    c.words[w] = v;
    return w + 1;
  }
}

function grow(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, Math.ceil(a.length * 1.5) + 16));
  b.set(a.subarray(0, Math.min(a.length, b.length)));
  return b;
}
