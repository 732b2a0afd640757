/**
 * Scenario files: pretty JSON, either a bare scenario (what `npm run sim -- --scenario` reads) or
 * `{ scenario, interventions }` when interventions were made. Imported with the same validation
 * and messages as links.
 */
import type { TimedIntervention } from '../sim/public.ts';
import { fail, type Result } from './errors.ts';
import { checkInterventions } from './extras.ts';
import { isPlainObject, nestsDeeperThan } from './json.ts';
import { FILE_LIMITS } from './limits.ts';
import { migrateScenario } from './migrations.ts';
import { findPreset } from './presets.ts';
import type { Scenario } from './schema.ts';
import { validateScenario } from './validate.ts';

/** A scenario file, opened. */
export interface OpenedFile {
  readonly scenario: Scenario;
  /** The preset whose name the scenario carries, if any (for "Reset to preset"). */
  readonly preset: string | null;
  readonly interventions: readonly TimedIntervention[];
  /** Things dropped while opening, for a person. */
  readonly notes: readonly string[];
}

/** The text of a scenario file: a bare scenario, or `{ scenario, interventions }` if there are any. */
export function exportScenarioFile(scenario: Scenario, interventions: readonly TimedIntervention[] = []): string {
  const body = interventions.length ? { scenario, interventions } : scenario;
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** A file name for a scenario: `fastzap-<name>.json`, safe on every file system. */
export function scenarioFileName(scenario: Scenario): string {
  const name = scenario.name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return `fastzap-${name || 'scenario'}.json`;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

/** Check a file's size in bytes before reading it. */
export function checkFileSize(bytes: number): Result<null> {
  if (bytes <= FILE_LIMITS.maxBytes) return { ok: true, value: null };
  return fail('E_FILE_SIZE', `The file is ${size(bytes)}; scenario files can be at most ${size(FILE_LIMITS.maxBytes)}. It was not opened.`);
}

/** Open a scenario file from its text. Never throws. */
export function parseScenarioFile(text: string): Result<OpenedFile> {
  // Characters, not bytes, here; a text of maxBytes characters has at least that many bytes.
  const sized = checkFileSize(text.length);
  if (!sized.ok) return sized;
  if (nestsDeeperThan(text, FILE_LIMITS.maxJsonDepth))
    return fail('E_JSON', `The file is not a scenario: its JSON nests more than ${FILE_LIMITS.maxJsonDepth} levels deep.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail('E_JSON', `The file is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`);
  }
  const notes: string[] = [];
  let scenarioValue = value;
  let interventionsValue: unknown;
  // `{ scenario, interventions }` has no `version` of its own; a bare scenario has one.
  if (isPlainObject(value) && 'scenario' in value && !('version' in value)) {
    scenarioValue = value.scenario;
    interventionsValue = value.interventions;
    const unknown = Object.keys(value).filter((k) => k !== 'scenario' && k !== 'interventions');
    if (unknown.length) notes.push(`The file had fields this version does not know (${unknown.slice(0, 5).join(', ')}), ignored.`);
  }
  const migrated = migrateScenario(scenarioValue);
  if (!migrated.ok) return migrated;
  const r = validateScenario(migrated.value);
  if (!r.ok) return fail(r.error.code, r.error.message.replace(/^The scenario/, "The file's scenario"), r.error.issues);
  const ivs = checkInterventions(interventionsValue, r.value, 'file');
  notes.push(...ivs.notes);
  return { ok: true, value: { scenario: r.value, preset: findPreset(r.value.name)?.name ?? null, interventions: ivs.value, notes } };
}
