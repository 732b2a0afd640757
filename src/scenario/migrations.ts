/**
 * Migrations, so old links and files keep opening. Two version numbers move independently:
 * the link format (`#v1.`) and the scenario schema (`version: 1`). Each table holds one step per
 * version, from N to N+1; a value is brought up to date by running the steps in order. When a
 * format changes: bump the constant, add the step, and freeze a link of the old version in the
 * tests (src/scenario/link.test.ts holds the v1 one).
 */
import { fail, type Result } from './errors.ts';
import { isPlainObject } from './json.ts';
import { SCENARIO_VERSION } from './schema.ts';

/** The link format this build writes. */
export const LINK_VERSION = 1;

/** One step: a value of version N in, the same content as version N+1 out. May throw on bad input. */
export type Migration = (value: unknown) => unknown;

/** Link payload steps, keyed by the version they migrate from (none yet: v1 is the first). */
export const LINK_MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** Scenario steps, keyed by the version they migrate from (none yet: version 1 is the first). */
const SCENARIO_MIGRATIONS: Readonly<Record<number, Migration>> = {};

/**
 * Run the steps `from` → `to` over `value`. Never throws: a missing step or one that throws on
 * this value is an E_VERSION error naming the step.
 */
export function runMigrations(
  value: unknown,
  from: number,
  to: number,
  table: Readonly<Record<number, Migration>>,
  what: string,
): Result<unknown> {
  let v = value;
  for (let n = from; n < to; n++) {
    const step = table[n];
    if (!step) return fail('E_VERSION', `${what} version ${n} cannot be upgraded to version ${n + 1} by this build of FastZap.`);
    try {
      v = step(v);
    } catch (e) {
      return fail(
        'E_VERSION',
        `${what} could not be upgraded from version ${n} to ${n + 1}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return { ok: true, value: v };
}

/**
 * Bring a scenario value (as parsed from JSON, before validation) to the current schema version.
 * Values that are not objects, have no numeric version, or a version newer than this build are
 * passed through untouched: validation gives those their message.
 */
export function migrateScenario(value: unknown, table: Readonly<Record<number, Migration>> = SCENARIO_MIGRATIONS): Result<unknown> {
  if (!isPlainObject(value) || typeof value.version !== 'number' || value.version >= SCENARIO_VERSION) return { ok: true, value };
  const from = value.version;
  if (!Number.isInteger(from) || from < 1) {
    return fail('E_VERSION', `version must be ${SCENARIO_VERSION} (got ${from}; scenario versions start at 1).`);
  }
  return runMigrations(value, from, SCENARIO_VERSION, table, 'The scenario');
}
