/**
 * The event log in compact form: about 25–40 bytes per event instead of ~170 for the objects
 * (a large run logs one to two million events). Events are decoded on demand into fresh objects
 * equal to the ones pushed, keys in the same order (so their JSON, and its hash, is identical).
 *
 * Layout: events in chunks of 2^14; per event its time (f64), its shape (u16) and its actor (u16)
 * in columns, and its other values as int32 words. A shape is what stays the same from one event
 * to the next of a kind: the keys in order, the kind of each value (int, float, string, null,
 * boolean, int array, other), and the `type` and `fn` strings. Values that fit no kind (an object,
 * a non-integer array) are kept by reference.
 */
import type { ActorName, SimEvent, SimEventType } from './events.ts';

const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/** How a value is stored (per key, per shape). */
const K = {
  /** `i`: the event's own index (not stored). */
  index: 0,
  /** `tNs`: the time column. */
  time: 1,
  /** `actor`: the actor column. */
  actor: 2,
  /** In the shape itself (`type`, `fn`). */
  constant: 3,
  int: 4,
  /** Two words: the float64's bits. */
  float: 5,
  /** One word: an index in the string table. */
  string: 6,
  null: 7,
  true: 8,
  false: 9,
  /** A length word, then one word per element. */
  ints: 10,
  /** One word: an index in the side table of values kept by reference. */
  ref: 11,
  undefined: 12,
} as const;
type Kind = (typeof K)[keyof typeof K];

interface Shape {
  readonly id: number;
  readonly type: SimEventType;
  readonly keys: readonly string[];
  readonly kinds: readonly Kind[];
  /** Values of `constant` keys (undefined elsewhere). */
  readonly constants: readonly unknown[];
}

interface Chunk {
  readonly tNs: Float64Array;
  readonly shape: Uint16Array;
  readonly actor: Uint16Array;
  /** Offset of each event's first word; `start[n]` is the end of the last one. */
  readonly start: Uint32Array;
  words: Int32Array;
}

const isInt32 = (v: number): boolean => (v | 0) === v && !Object.is(v, -0);

function kindOf(key: string, v: unknown, index: number): Kind {
  switch (typeof v) {
    case 'number':
      if (key === 'i' && v === index) return K.index;
      if (key === 'tNs') return K.time;
      return isInt32(v) ? K.int : K.float;
    case 'string':
      if (key === 'type' || key === 'fn') return K.constant;
      return key === 'actor' ? K.actor : K.string;
    case 'boolean':
      return v ? K.true : K.false;
    case 'undefined':
      return K.undefined;
    case 'object':
      if (v === null) return K.null;
      if (Array.isArray(v) && v.every((x) => typeof x === 'number' && isInt32(x))) return K.ints;
      return K.ref;
    case 'bigint':
    case 'function':
    case 'symbol':
      return K.ref;
  }
}

const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

/** An append-only (and truncatable) log of events, stored compactly. */
export class EventLog implements Iterable<SimEvent> {
  private readonly chunks: Chunk[] = [];
  private n = 0;
  private readonly shapes: Shape[] = [];
  /** Shapes by event type, most recently used first. */
  private readonly shapesByType = new Map<string, Shape[]>();
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
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
    const shape = this.shapeOf(rec['type'] as string, keys, vals, at);
    c.shape[j] = shape.id;
    c.tNs[j] = e.tNs;
    c.actor[j] = this.stringId(e.actor);
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
          w = this.put(c, w, this.stringId(v as string));
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
    const shape = this.shapes[c.shape[j]!]!;
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
          out[key] = this.strings[c.actor[j]!];
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
          out[key] = this.strings[words[w++]!];
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
    return this.shapes[c.shape[i & MASK]!]!.type;
  }

  /** The time of event `i`. */
  tNsAt(i: number): number {
    return this.chunkOf(i).tNs[i & MASK]!;
  }

  /** The actor of event `i`. */
  actorAt(i: number): ActorName {
    return this.strings[this.chunkOf(i).actor[i & MASK]!] as ActorName;
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

  private stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      if (id > 0xffff) throw new Error('event log: more than 65536 distinct strings');
      this.strings.push(s);
      this.stringIds.set(s, id);
    }
    return id;
  }

  /** The shape of an event with these keys and values (found among its type's shapes, or made). */
  private shapeOf(type: string, keys: readonly string[], vals: readonly unknown[], index: number): Shape {
    let list = this.shapesByType.get(type);
    if (!list) this.shapesByType.set(type, (list = []));
    for (let s = 0; s < list.length; s++) {
      const shape = list[s]!;
      if (matches(shape, keys, vals, index)) {
        if (s > 0) {
          list.splice(s, 1);
          list.unshift(shape);
        }
        return shape;
      }
    }
    if (this.shapes.length > 0xffff) throw new Error('event log: more than 65536 event shapes');
    const kinds = keys.map((key, q) => kindOf(key, vals[q], index));
    const constants = kinds.map((kind, q) => (kind === K.constant ? vals[q] : undefined));
    const shape: Shape = { id: this.shapes.length, type: type as SimEventType, keys: keys.slice(), kinds, constants };
    this.shapes.push(shape);
    list.unshift(shape);
    return shape;
  }
}

/** Is `v` (the value of key number `q`) stored as the shape says? */
function fits(shape: Shape, q: number, v: unknown, index: number): boolean {
  switch (shape.kinds[q]!) {
    case K.index:
      return v === index;
    case K.time:
      return typeof v === 'number';
    case K.actor:
    case K.string:
      return typeof v === 'string';
    case K.constant:
      return v === shape.constants[q];
    case K.int:
      return typeof v === 'number' && isInt32(v);
    case K.float:
      return typeof v === 'number' && !isInt32(v);
    case K.null:
      return v === null;
    case K.true:
      return v === true;
    case K.false:
      return v === false;
    case K.undefined:
      return v === undefined;
    case K.ints:
    case K.ref:
      return kindOf(shape.keys[q]!, v, index) === shape.kinds[q];
  }
}

function matches(shape: Shape, keys: readonly string[], vals: readonly unknown[], index: number): boolean {
  const sk = shape.keys;
  if (sk.length !== keys.length) return false;
  for (let q = 0; q < sk.length; q++) if (sk[q] !== keys[q] || !fits(shape, q, vals[q], index)) return false;
  return true;
}

function grow(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, Math.ceil(a.length * 1.5) + 16));
  b.set(a.subarray(0, Math.min(a.length, b.length)));
  return b;
}
