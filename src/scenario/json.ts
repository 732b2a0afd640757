/**
 * Small helpers over plain JSON values: a bounded nesting check (run before `JSON.parse` on
 * untrusted text), canonical text and a hash, and the overrides diff that keeps links short.
 */

export type JsonObject = { readonly [key: string]: unknown };

export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Does `text` nest arrays/objects deeper than `limit`? One linear pass; strings are skipped, so
 * brackets inside them do not count. Deep nesting is refused because it makes `JSON.parse` slow.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

/** JSON text with object keys sorted, so equal values give equal text. `undefined` members are left out. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  if (isPlainObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** FNV-1a, 32 bits, over UTF-16 code units, as 8 hex digits: a short content tag, not security. */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function deepEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * What to write over `base` to get `target`: objects are diffed member by member, anything else
 * (arrays included) is replaced whole; `null` deletes a member (no scenario field is ever null).
 * Returns `undefined` when they are equal.
 */
export function diffJson(base: unknown, target: unknown): unknown {
  if (deepEqual(base, target)) return undefined;
  if (!isPlainObject(base) || !isPlainObject(target)) return target;
  const out: [string, unknown][] = [];
  for (const k of Object.keys(target)) {
    if (target[k] === undefined) continue;
    const d = diffJson(base[k], target[k]);
    if (d !== undefined) out.push([k, d]);
  }
  for (const k of Object.keys(base)) if (base[k] !== undefined && target[k] === undefined) out.push([k, null]);
  return Object.fromEntries(out);
}

/**
 * The inverse of `diffJson`. Recursion follows `base`, whose depth is a scenario's, so untrusted
 * overrides cannot make it deep; members are defined with `fromEntries` (a `__proto__` key stays
 * a plain, unknown key that validation then rejects).
 */
export function applyJson(base: unknown, overrides: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(overrides)) return overrides;
  const out = new Map<string, unknown>(Object.entries(base));
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) out.delete(k);
    else out.set(k, applyJson(out.get(k), v));
  }
  return Object.fromEntries(out);
}
