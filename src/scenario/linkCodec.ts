/**
 * The bytes of a share link: `#v1.<base64url(deflate-raw(JSON))>`, or the readable form
 * `#v1:preset=classroom&cursor=120` for links written by hand. Every step is bounded (see
 * LINK_LIMITS) and nothing here throws.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { fail, type Result } from './errors.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { nestsDeeperThan } from './json.ts';
import { LINK_LIMITS } from './limits.ts';
import { LINK_VERSION } from './migrations.ts';

/** A link taken apart: its format version and its payload (plain JSON, not yet validated). */
export interface RawLink {
  readonly version: number;
  readonly payload: unknown;
}

const CHUNK = 256; // input bytes per inflate step: output overshoots the limit by at most ~260 KiB

const kib = (n: number) => `${Math.round(n / 1024)} KiB`;

/** Inflate raw deflate data, stopping as soon as the output passes `maxBytes`. */
function inflateBounded(data: Uint8Array, maxBytes: number): Result<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total <= maxBytes) chunks.push(chunk);
    if (final) done = true;
  });
  try {
    for (let i = 0; i < data.length && total <= maxBytes; i += CHUNK) inflate.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
  } catch {
    return fail('E_LINK_DECODE', 'The link is damaged: its compressed data does not decompress (it may have been cut short or altered).');
  }
  if (total > maxBytes) return fail('E_LINK_SIZE', `The link decompresses to more than ${kib(maxBytes)}, the limit; it was not opened.`);
  if (!done) return fail('E_LINK_DECODE', 'The link is damaged: its compressed data ends early (it may have been cut short).');
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { ok: true, value: out };
}

function parseJson(text: string): Result<unknown> {
  if (nestsDeeperThan(text, LINK_LIMITS.maxJsonDepth))
    return fail('E_LINK_DECODE', `The link is damaged: its contents nest more than ${LINK_LIMITS.maxJsonDepth} levels deep.`);
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return fail('E_LINK_DECODE', 'The link is damaged: its contents decompress but are not valid JSON (it may have been altered).');
  }
}

/** Readable form: `preset=NAME&seed=N&strategy=S&cursor=N&page=N&zoom=X`, mapped onto a payload. */
function parseReadable(text: string): Result<unknown> {
  const payload: Record<string, unknown> = {};
  const overrides: Record<string, unknown> = {};
  const view: Record<string, unknown> = {};
  const unknown: Record<string, unknown> = {};
  const num = (s: string): unknown => (/^-?\d{1,16}(\.\d{1,16})?$/.test(s) ? Number(s) : s);
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      value = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      return fail('E_LINK_FORMAT', `The link is damaged: "${part.slice(0, 40)}" is not properly %-encoded.`);
    }
    if (key === 'preset') payload.preset = value;
    else if (key === 'seed') overrides.seed = num(value);
    else if (key === 'strategy') overrides.strategy = { name: value };
    else if (key === 'cursor') payload.cursor = num(value);
    else if (key === 'page') view.selectedPage = num(value);
    else if (key === 'zoom') view.zoom = num(value);
    else unknown[key] = value;
  }
  if (Object.keys(overrides).length) payload.overrides = overrides;
  if (Object.keys(view).length) payload.view = view;
  return { ok: true, value: { ...unknown, ...payload } };
}

/** Take a URL hash (with or without `#`) apart. Never throws. */
export function parseHash(hash: string): Result<RawLink> {
  if (typeof hash !== 'string') return fail('E_LINK_FORMAT', 'The link is not text.');
  // Length first, before any string operation touches a huge input.
  const length = hash.length > LINK_LIMITS.maxHashChars + 1 ? hash.length : hash.length - (hash.startsWith('#') ? 1 : 0);
  if (length > LINK_LIMITS.maxHashChars) {
    return fail(
      'E_LINK_SIZE',
      `The link is too long: ${length} characters after #, the limit is ${LINK_LIMITS.maxHashChars}; it was not opened.`,
    );
  }
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const text = raw.trim();
  const m = /^v(\d{1,6})([.:])/.exec(text);
  if (!m) return fail('E_LINK_FORMAT', `The link's #… part is not a FastZap link: it should start with #v${LINK_VERSION}.`);
  const version = Number(m[1]);
  if (version < 1) return fail('E_LINK_FORMAT', `The link says format v${version}; FastZap link formats start at v1.`);
  if (version > LINK_VERSION)
    return fail(
      'E_VERSION',
      `The link was made by a newer FastZap (link format v${version}); this version opens links up to v${LINK_VERSION}.`,
    );
  const body = text.slice(m[0].length);
  if (m[2] === ':') {
    const r = parseReadable(body);
    return r.ok ? { ok: true, value: { version, payload: r.value } } : r;
  }
  if (body === '') return fail('E_LINK_DECODE', 'The link is damaged: it has no data after its version (it may have been cut short).');
  const bytes = fromBase64Url(body);
  if (!(bytes instanceof Uint8Array)) {
    return fail(
      'E_LINK_DECODE',
      bytes.badAt >= body.length
        ? 'The link is damaged: it ends in the middle of a character group (it may have been cut short).'
        : `The link is damaged: it contains a character that cannot be in a FastZap link ("${body.charAt(bytes.badAt)}" at position ${bytes.badAt + m[0].length + 1}).`,
    );
  }
  const inflated = inflateBounded(bytes, LINK_LIMITS.maxJsonBytes);
  if (!inflated.ok) return inflated;
  let json: string;
  try {
    json = strFromU8(inflated.value);
  } catch {
    return fail('E_LINK_DECODE', 'The link is damaged: its contents are not text.');
  }
  const parsed = parseJson(json);
  return parsed.ok ? { ok: true, value: { version, payload: parsed.value } } : parsed;
}

/** Build `#v<LINK_VERSION>.…` from a payload. Fails (E_LINK_SIZE) when the result would not open. */
export function formatHash(payload: unknown): Result<string> {
  const bytes = strToU8(JSON.stringify(payload));
  if (bytes.length > LINK_LIMITS.maxJsonBytes) {
    return fail(
      'E_LINK_SIZE',
      `This run is too large for a link (${kib(bytes.length)} of data; the limit is ${kib(LINK_LIMITS.maxJsonBytes)}). Export it as a file instead.`,
    );
  }
  const hash = `#v${LINK_VERSION}.${toBase64Url(deflateSync(bytes, { level: 9 }))}`;
  if (hash.length - 1 > LINK_LIMITS.maxHashChars) {
    return fail(
      'E_LINK_SIZE',
      `This run is too large for a link (${hash.length - 1} characters; links hold up to ${LINK_LIMITS.maxHashChars}). Export it as a file instead.`,
    );
  }
  return { ok: true, value: hash };
}
