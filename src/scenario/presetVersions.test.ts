import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets.ts';
import { ARCHIVED_PRESETS, presetVersion, resolvePreset } from './presetVersions.ts';

/**
 * Content tags of the presets as links made today name them. If this test fails, a preset was
 * edited: links made before the edit would open a different run. Add the preset's previous
 * version (name, old tag, old validated scenario) to ARCHIVED_PRESETS, then move its tag here to
 * ARCHIVED_TAGS and put the new tag in CURRENT_TAGS.
 */
const CURRENT_TAGS: Record<string, string> = {
  classroom: '81e70956',
  'memslot-delete-under-load': '60a0519c',
  'large-guest': '57f0042e',
  'zap-all-vs-fast': '96d5c847',
  'root-in-use': '74d77f53',
  'shrinker-first': '802c37a1',
  'back-to-back': '10c6b542',
};
/** Tags of earlier preset versions that links may still name: each must be archived. */
const ARCHIVED_TAGS: readonly { name: string; tag: string }[] = [];

describe('preset versions', () => {
  it('every preset validates and has the pinned content tag', () => {
    const now = Object.fromEntries(PRESETS.map((p) => [p.name, presetVersion(p.name)?.tag]));
    expect(now, `presets changed; tags now ${JSON.stringify(now)}: archive the old versions (see above)`).toEqual(CURRENT_TAGS);
  });

  it('every earlier version a link may name is archived', () => {
    for (const { name, tag } of ARCHIVED_TAGS) expect(resolvePreset(name, tag)).toMatchObject({ exact: true });
    expect(ARCHIVED_PRESETS.length).toBe(ARCHIVED_TAGS.length);
  });

  it('an unknown tag resolves to the current preset, marked inexact', () => {
    expect(resolvePreset('classroom', 'deadbeef')).toMatchObject({ exact: false, version: { tag: CURRENT_TAGS.classroom } });
    expect(resolvePreset('nope', undefined)).toBeUndefined();
  });
});
