import { describe, expect, it } from 'vitest';
import { decodeLink } from './link.ts';
import { formatHash } from './linkCodec.ts';
import { canonicalJson } from './json.ts';
import { PRESETS } from './presets.ts';
import { ARCHIVED_PRESETS, presetVersion, resolvePreset, versionOf, type PresetVersion } from './presetVersions.ts';

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

/**
 * What is wrong with an archive: each entry must be an earlier (not the current) version of a
 * preset, stored validated, under the tag of its content. (A removed preset may be archived too.)
 */
function archiveProblems(archive: readonly PresetVersion[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const v of archive) {
    const at = `${v.name}@${v.tag}`;
    const again = versionOf(v.name, v.scenario);
    if (!again) out.push(`${at}: does not validate`);
    else if (again.tag !== v.tag) out.push(`${at}: its content has the tag ${again.tag}`);
    else if (canonicalJson(again.scenario) !== canonicalJson(v.scenario)) out.push(`${at}: not stored as validated (defaults missing)`);
    const now = presetVersion(v.name);
    if (now?.tag === v.tag) out.push(`${at}: is the current version`);
    if (seen.has(at)) out.push(`${at}: archived twice`);
    seen.add(at);
  }
  return out;
}

/** The classroom preset as it is, and an edit of it as a maintainer might make (a longer run). */
const today = presetVersion('classroom')!;
const edited = versionOf('classroom', { ...today.scenario, durationNs: today.scenario.durationNs + 1000 })!;

describe('preset versions', () => {
  it('every preset validates and has the pinned content tag', () => {
    const now = Object.fromEntries(PRESETS.map((p) => [p.name, presetVersion(p.name)?.tag]));
    expect(now, `presets changed; tags now ${JSON.stringify(now)}: archive the old versions (see above)`).toEqual(CURRENT_TAGS);
  });

  it('the archive holds exactly the earlier versions links may name, each faithful to its tag', () => {
    expect(archiveProblems(ARCHIVED_PRESETS)).toEqual([]);
    for (const { name, tag } of ARCHIVED_TAGS) expect(resolvePreset(name, tag)).toMatchObject({ exact: true, version: { name, tag } });
    expect(ARCHIVED_PRESETS.map((v) => ({ name: v.name, tag: v.tag }))).toEqual(ARCHIVED_TAGS);
  });

  it('the archive check catches an entry that would not reopen its links', () => {
    expect(archiveProblems([edited])).toEqual([]);
    const tampered = { ...edited, scenario: { ...edited.scenario, seed: edited.scenario.seed + 1 } };
    expect(archiveProblems([tampered])).toEqual([expect.stringMatching(/its content has the tag/)]);
    expect(archiveProblems([today])).toEqual([expect.stringMatching(/is the current version/)]);
    expect(archiveProblems([{ ...edited, name: 'gone' }])).toEqual([]);
    const bare = { ...edited.scenario } as Record<string, unknown>;
    delete bare.prepopulate; // its default: the same content, but not as validated
    expect(archiveProblems([{ ...edited, scenario: bare }])).toEqual([expect.stringMatching(/not stored as validated/)]);
    expect(archiveProblems([edited, edited])).toEqual([expect.stringMatching(/archived twice/)]);
  });

  it("a tag found in the archive resolves to that version, exactly; else to today's, marked inexact", () => {
    // As if `edited` were classroom's content before an edit: links made then carry its tag.
    expect(edited.tag).not.toBe(today.tag);
    expect(resolvePreset('classroom', edited.tag, [edited])).toEqual({ version: edited, exact: true });
    expect(resolvePreset('classroom', edited.tag, [])).toEqual({ version: today, exact: false });
    expect(resolvePreset('classroom', today.tag, [edited])).toEqual({ version: today, exact: true });
    expect(resolvePreset('classroom', undefined, [edited])).toEqual({ version: today, exact: true });
    // An archived version belongs to its preset's name only; a removed preset's links still open.
    expect(resolvePreset('root-in-use', edited.tag, [edited])).toMatchObject({ version: { name: 'root-in-use' }, exact: false });
    const gone = { ...edited, name: 'gone' };
    expect(resolvePreset('gone', edited.tag, [gone])).toEqual({ version: gone, exact: true });
    expect(resolvePreset('gone', edited.tag, [edited])).toBeUndefined();
  });

  it("a link naming a tag that is not archived opens today's preset, with a note saying so", () => {
    const hash = formatHash({ preset: 'classroom', presetTag: edited.tag, cursor: 5 });
    if (!hash.ok) throw new Error(hash.error.message);
    const opened = decodeLink(hash.value);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value.scenario).toEqual(today.scenario);
    expect(opened.value.notes).toEqual([expect.stringMatching(/"classroom" has changed since this link was made/)]);
    const current = formatHash({ preset: 'classroom', presetTag: today.tag });
    expect(current.ok && decodeLink(current.value)).toMatchObject({ ok: true, value: { notes: [] } });
  });

  it('an unknown tag resolves to the current preset, marked inexact', () => {
    expect(resolvePreset('classroom', 'deadbeef')).toMatchObject({ exact: false, version: { tag: CURRENT_TAGS.classroom } });
    expect(resolvePreset('nope', undefined)).toBeUndefined();
  });
});
