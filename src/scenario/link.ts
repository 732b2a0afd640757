/**
 * Share links: everything needed to reproduce a run and land on a moment, carried in the URL
 * hash (no server). Payload of format v1, before compression:
 *
 *   { preset?, presetTag?, overrides? } | { scenario }   the scenario: a preset plus a JSON Merge Patch
 *                                                       (RFC 7386, mergePatch.ts), or whole
 *   interventions?: TimedIntervention[]                   made interactively, keyed by event index
 *   cursor?: number                                       the event index to land on
 *   view?: { selectedPage?, zoom? }
 *
 * The seed is part of the scenario. Decoding never throws: the scenario decides whether a link
 * opens; a bad cursor, view or intervention is dropped with a note.
 */
import type { TimedIntervention } from '../sim/public.ts';
import { fail, type Result, type ScenarioError } from './errors.ts';
import { checkCursor, checkInterventions, checkView, type LinkView } from './extras.ts';
import { isPlainObject } from './json.ts';
import { applyMergePatch, createMergePatch } from './mergePatch.ts';
import { LINK_VERSION, LINK_MIGRATIONS, migrateScenario, runMigrations } from './migrations.ts';
import { parseHash, formatHash } from './linkCodec.ts';
import { DEFAULT_PRESET, PRESETS, findPreset } from './presets.ts';
import { presetVersion, resolvePreset } from './presetVersions.ts';
import { LIMITS, type Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';

/** What a link reproduces. */
export interface LinkState {
  readonly scenario: Scenario;
  /** The preset the scenario started from, if any (only a hint for a shorter link). */
  readonly preset?: string | null;
  readonly interventions?: readonly TimedIntervention[];
  /** Event index to land on; null or absent = the start ("Copy link" rather than "…to this moment"). */
  readonly cursor?: number | null;
  readonly view?: LinkView;
}

/** A link, opened. */
export interface OpenedLink {
  readonly scenario: Scenario;
  /** The preset it is based on (for "Reset to preset"), or null. */
  readonly preset: string | null;
  readonly interventions: readonly TimedIntervention[];
  readonly cursor: number | null;
  readonly view: LinkView;
  /** Things dropped or changed while opening, for a person (role="status"). */
  readonly notes: readonly string[];
}

const KNOWN_KEYS = new Set(['preset', 'presetTag', 'overrides', 'scenario', 'interventions', 'cursor', 'view']);

/** The payload for `state`: the shortest of "whole scenario" and "preset + overrides". */
function payloadOf(state: LinkState): Record<string, unknown> {
  const sc = JSON.parse(JSON.stringify(state.scenario)) as unknown;
  let best: Record<string, unknown> = { scenario: sc };
  let bestLen = JSON.stringify(best).length;
  const names = new Set([state.preset, state.scenario.name, ...PRESETS.map((p) => p.name)]);
  for (const name of names) {
    const pv = name ? presetVersion(name) : undefined;
    if (!pv) continue;
    const overrides = createMergePatch(pv.scenario, sc);
    const candidate: Record<string, unknown> = { preset: pv.name, presetTag: pv.tag, ...(overrides === undefined ? {} : { overrides }) };
    const len = JSON.stringify(candidate).length;
    if (len < bestLen) [best, bestLen] = [candidate, len];
  }
  if (state.interventions?.length) best.interventions = state.interventions;
  if (state.cursor !== undefined && state.cursor !== null) best.cursor = state.cursor;
  if (state.view && Object.keys(state.view).length) best.view = state.view;
  return best;
}

/** The URL hash (`#v1.…`) for a run. Fails only when it would be over LINK_LIMITS. */
export function encodeLink(state: LinkState): Result<string> {
  return formatHash(payloadOf(state));
}

/** `href` with its hash replaced: the full link to copy. */
export function linkUrl(href: string, hash: string): string {
  const at = href.indexOf('#');
  return (at < 0 ? href : href.slice(0, at)) + hash;
}

function scenarioOf(payload: Record<string, unknown>, notes: string[]): Result<{ scenario: Scenario; preset: string | null }> {
  const hasScenario = payload.scenario !== undefined;
  let value: unknown;
  let preset: string | null = null;
  if (hasScenario === (payload.preset !== undefined)) {
    return fail(
      'E_LINK_FORMAT',
      hasScenario
        ? 'The link is damaged: it holds both a preset and a whole scenario.'
        : 'The link does not say which scenario to open (no preset and no scenario).',
    );
  }
  if (hasScenario) value = payload.scenario;
  else {
    const name = payload.preset;
    const tag = typeof payload.presetTag === 'string' ? payload.presetTag : undefined;
    const found = typeof name === 'string' ? resolvePreset(name, tag) : undefined;
    if (!found) {
      const shown = typeof name === 'string' ? `"${name.slice(0, 60)}"` : 'that is not a name';
      return fail(
        'E_PRESET',
        `The link names a preset ${shown} that this version of FastZap does not have (presets: ${PRESETS.map((p) => p.name).join(', ')}).`,
      );
    }
    if (!found.exact)
      notes.push(
        `The preset "${found.version.name}" has changed since this link was made; the link opened with today's version, so the run may differ from the one shared.`,
      );
    preset = found.version.name;
    value = payload.overrides === undefined ? found.version.scenario : applyMergePatch(found.version.scenario, payload.overrides);
  }
  // Cheap checks first: huge arrays would make validation slow.
  if (isPlainObject(value)) {
    if (Array.isArray(value.script) && value.script.length > LIMITS.maxScript) {
      return fail(
        'E_SCHEMA',
        `The link's scenario is not valid: script has at most ${LIMITS.maxScript} entries (got ${value.script.length}).`,
      );
    }
    if (Array.isArray(value.vcpus) && value.vcpus.length > 64) {
      return fail('E_SCHEMA', `The link's scenario is not valid: vcpus has at most 64 groups (got ${value.vcpus.length}).`);
    }
  }
  const migrated = migrateScenario(value);
  if (!migrated.ok) return migrated;
  const r = validateScenario(migrated.value);
  if (!r.ok) return fail(r.error.code, r.error.message.replace(/^The scenario/, "The link's scenario"), r.error.issues);
  return { ok: true, value: { scenario: r.value, preset: preset ?? findPreset(r.value.name)?.name ?? null } };
}

/** Open a link from a URL hash (with or without `#`). Never throws. */
export function decodeLink(hash: string): Result<OpenedLink> {
  try {
    const raw = parseHash(hash);
    if (!raw.ok) return raw;
    const notes: string[] = [];
    const migrated = runMigrations(raw.value.payload, raw.value.version, LINK_VERSION, LINK_MIGRATIONS, 'The link');
    if (!migrated.ok) return migrated;
    const payload = migrated.value;
    if (raw.value.version < LINK_VERSION)
      notes.push(`This link was made by an earlier FastZap (link format v${raw.value.version}) and was upgraded to open here.`);
    if (!isPlainObject(payload)) return fail('E_LINK_FORMAT', 'The link is damaged: it decodes, but not to a FastZap run.');
    const sc = scenarioOf(payload, notes);
    if (!sc.ok) return sc;
    const interventions = checkInterventions(payload.interventions, sc.value.scenario, 'link');
    const cursor = checkCursor(payload.cursor, 'link');
    const view = checkView(payload.view, 'link');
    const unknown = Object.keys(payload).filter((k) => !KNOWN_KEYS.has(k));
    notes.push(...interventions.notes, ...cursor.notes, ...view.notes);
    if (unknown.length) {
      const shown = unknown
        .slice(0, 5)
        .map((k) => JSON.stringify(k.slice(0, 40)))
        .join(', ');
      notes.push(
        `The link had ${unknown.length === 1 ? 'a part' : 'parts'} this version does not know (${shown}${unknown.length > 5 ? ', …' : ''}), ignored; the scenario opened.`,
      );
    }
    return { ok: true, value: { ...sc.value, interventions: interventions.value, cursor: cursor.value, view: view.value, notes } };
  } catch (e) {
    // Not expected: every step returns errors. Kept so a bug cannot turn a bad link into a blank page.
    return fail('E_LINK_DECODE', `The link could not be opened (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** The default run: the DEFAULT_PRESET at its start. */
function defaultRun(): OpenedLink {
  const pv = presetVersion(DEFAULT_PRESET);
  if (!pv) throw new Error(`preset ${DEFAULT_PRESET} does not validate`); // a build bug, caught by the tests
  return { scenario: pv.scenario, preset: DEFAULT_PRESET, interventions: [], cursor: null, view: {}, notes: [] };
}

/**
 * What the app opens for a URL hash: the link's run, or (empty hash, or a link that does not
 * open) the default run, with the error saying so. For the page's first load and `hashchange`.
 */
export function openLink(hash: string): { readonly run: OpenedLink; readonly error: ScenarioError | null } {
  const bare = hash.startsWith('#') ? hash.slice(1) : hash;
  if (bare.length < 64 && bare.trim() === '') return { run: defaultRun(), error: null };
  const r = decodeLink(hash);
  if (r.ok) return { run: r.value, error: null };
  const title = findPreset(DEFAULT_PRESET)?.title ?? DEFAULT_PRESET;
  return { run: defaultRun(), error: { ...r.error, message: `${r.error.message} The default scenario (${title}) opened instead.` } };
}
