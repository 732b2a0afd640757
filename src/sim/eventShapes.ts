/**
 * The shapes of the compact event log (eventLog.ts). A shape is what stays the same from one event
 * to the next of a kind: the keys in order, the kind of each value (int, float, string, null,
 * boolean, int array, other), and the `type` and `fn` strings. The log stores an event as its
 * shape's id plus the values the shape does not already say.
 */
import type { SimEventType } from './events.ts';

/** How a value is stored (per key, per shape). */
export const K = {
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

export interface Shape {
  readonly id: number;
  readonly type: SimEventType;
  readonly keys: readonly string[];
  readonly kinds: readonly Kind[];
  /** Values of `constant` keys (undefined elsewhere). */
  readonly constants: readonly unknown[];
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

/** The shapes met so far, by id (at most 65536: the log stores an id in 16 bits). */
export class ShapeTable {
  private readonly shapes: Shape[] = [];
  /** Shapes by event type, most recently used first. */
  private readonly byType = new Map<string, Shape[]>();

  /** Shape number `id`. */
  get(id: number): Shape {
    return this.shapes[id]!;
  }

  /** The shape of an event with these keys and values (found among its type's shapes, or made). */
  of(type: string, keys: readonly string[], vals: readonly unknown[], index: number): Shape {
    let list = this.byType.get(type);
    if (!list) this.byType.set(type, (list = []));
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

/** Strings by id and ids by string (at most 65536: the actor column holds an id in 16 bits). */
export class StringTable {
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();

  /** String number `id`. */
  get(id: number): string {
    return this.strings[id]!;
  }

  /** The id of `s`, given one if it has none yet. */
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      if (id > 0xffff) throw new Error('event log: more than 65536 distinct strings');
      this.strings.push(s);
      this.ids.set(s, id);
    }
    return id;
  }
}
