/**
 * Links store a preset by name plus overrides, so they stay short; they also store a content tag
 * of the preset they were made against. If a preset is edited later, the old content is kept in
 * ARCHIVED_PRESETS and a link made before the edit still opens to the identical scenario.
 * (presetVersions.test.ts pins the current tags and fails until an edited preset is archived.)
 */
import { canonicalJson, fnv1a } from './json.ts';
import { PRESETS } from './presets.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export interface PresetVersion {
  readonly name: string;
  /** `fnv1a(canonicalJson(scenario))`. */
  readonly tag: string;
  /** The preset as validated (every default written out), as plain JSON of its schema version. */
  readonly scenario: unknown;
}

/**
 * Earlier contents of presets, newest last. To archive: copy the old entry's `name`, `tag` and
 * its validated scenario (`presetVersion(name)` before the edit, as JSON) here.
 */
export const ARCHIVED_PRESETS: readonly PresetVersion[] = [];

/** A preset's content, validated and tagged (how current and archived versions are made); undefined if it does not validate. */
export function versionOf(name: string, scenario: unknown): (PresetVersion & { readonly scenario: Scenario }) | undefined {
  const r = scenarioSchema.safeParse(scenario);
  return r.success ? { name, tag: fnv1a(canonicalJson(r.data)), scenario: r.data } : undefined;
}

let current: Map<string, PresetVersion & { readonly scenario: Scenario }> | null = null;

function currentVersions(): Map<string, PresetVersion & { readonly scenario: Scenario }> {
  if (!current) {
    current = new Map();
    for (const p of PRESETS) {
      const v = versionOf(p.name, p.scenario);
      // A preset that does not validate is a bug caught by the preset tests; links skip it.
      if (v) current.set(p.name, v);
    }
  }
  return current;
}

/** The current, validated version of a preset. */
export function presetVersion(name: string): (PresetVersion & { readonly scenario: Scenario }) | undefined {
  return currentVersions().get(name);
}

/**
 * The content a link names: the current preset if the tag matches (or no tag), else an archived
 * one (from `archive`, ARCHIVED_PRESETS unless a test gives another), else the current one, inexact.
 */
export function resolvePreset(
  name: string,
  tag: string | undefined,
  archive: readonly PresetVersion[] = ARCHIVED_PRESETS,
): { readonly version: PresetVersion; readonly exact: boolean } | undefined {
  const now = presetVersion(name);
  if (tag === undefined || now?.tag === tag) return now && { version: now, exact: true };
  const old = archive.find((v) => v.name === name && v.tag === tag);
  if (old) return { version: old, exact: true };
  return now && { version: now, exact: false };
}
