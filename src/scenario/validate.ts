/** Parsing and validation of scenarios from JSON text or plain values, with messages for people. */
import type { z } from 'zod';
import { fail, type Result } from './errors.ts';
import { SCENARIO_VERSION, scenarioSchema, type Scenario } from './schema.ts';

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

/** One line per problem: "field: message" (zod's own messages already name the field). */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((i) => {
    const where = pathOf(i.path);
    if (i.code === 'unrecognized_keys')
      return `${where ? `${where}: ` : ''}unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`;
    if (i.message.startsWith(where.split('[')[0] ?? '') && where) return i.message;
    return where ? `${where}: ${i.message}` : i.message;
  });
}

/** Validate a plain value as a scenario. */
export function validateScenario(value: unknown): Result<Scenario> {
  if (typeof value === 'object' && value !== null && 'version' in value) {
    const v = value.version;
    if (typeof v === 'number' && v > SCENARIO_VERSION) {
      return fail('E_VERSION', `This scenario is version ${v}; this build of FastZap reads versions up to ${SCENARIO_VERSION}.`);
    }
  }
  const r = scenarioSchema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const issues = describeIssues(r.error);
  return fail(
    'E_SCHEMA',
    `The scenario is not valid: ${issues[0] ?? 'unknown problem'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    issues,
  );
}

/** Parse JSON text and validate it. */
export function parseScenarioJson(text: string): Result<Scenario> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail('E_JSON', `The file is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return validateScenario(value);
}
