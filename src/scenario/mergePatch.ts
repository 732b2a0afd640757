/**
 * JSON Merge Patch (RFC 7386): a link stores a preset plus the merge patch that turns the preset's
 * scenario into the shared one (the link payload's `overrides`). A patch is plain JSON: an object
 * is merged member by member, `null` removes a member, anything else (arrays included) replaces the
 * value whole. Its one limit (RFC 7386 §1): a `null` inside an object cannot be set — scenarios
 * hold none.
 */
import { canonicalJson, isPlainObject } from './json.ts';

/**
 * RFC 7386 §2 MergePatch(target, patch). Members are collected in a Map and defined with
 * `fromEntries`, so a `__proto__` key stays a plain, unknown key (validation then rejects it);
 * recursion follows the patch, whose nesting a link's decoder has already bounded.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out = new Map<string, unknown>(isPlainObject(target) ? Object.entries(target) : []);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) out.delete(k);
    else out.set(k, applyMergePatch(out.get(k), v));
  }
  return Object.fromEntries(out);
}

/**
 * The merge patch that turns `source` into `target` (`applyMergePatch(source, patch)` is
 * `target` when `target` holds no null inside an object), or `undefined` when they are equal.
 * Members whose value is `undefined` count as absent, as in JSON.
 */
export function createMergePatch(source: unknown, target: unknown): unknown {
  if (canonicalJson(source) === canonicalJson(target)) return undefined;
  if (!isPlainObject(source) || !isPlainObject(target)) return target;
  const out: [string, unknown][] = [];
  for (const k of Object.keys(target)) {
    if (target[k] === undefined) continue;
    const d = createMergePatch(source[k], target[k]);
    if (d !== undefined) out.push([k, d]);
  }
  for (const k of Object.keys(source)) if (source[k] !== undefined && target[k] === undefined) out.push([k, null]);
  return Object.fromEntries(out);
}
