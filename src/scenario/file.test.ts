import { describe, expect, it } from 'vitest';
import { checkFileSize, exportScenarioFile, parseScenarioFile, scenarioFileName } from './file.ts';
import { FILE_LIMITS } from './limits.ts';
import { presetVersion } from './presetVersions.ts';

const classroom = presetVersion('classroom')!.scenario;

describe('scenario files', () => {
  it('a bare scenario exports as pretty JSON and opens again', () => {
    const text = exportScenarioFile(classroom);
    expect(text).toContain('\n  "version": 1,');
    expect(parseScenarioFile(text)).toEqual({
      ok: true,
      value: { scenario: classroom, preset: 'classroom', interventions: [], notes: [] },
    });
  });

  it('interventions travel as { scenario, interventions }', () => {
    const interventions = [{ atEvent: 12, action: { type: 'pause-vcpu' as const, vcpu: 1 } }];
    const text = exportScenarioFile(classroom, interventions);
    expect(JSON.parse(text)).toMatchObject({ scenario: { name: 'classroom' }, interventions });
    expect(parseScenarioFile(text)).toMatchObject({ ok: true, value: { interventions, notes: [] } });
  });

  it('bad JSON is E_JSON with the parser’s reason', () => {
    const r = parseScenarioFile('{"version": 1,');
    expect(r).toMatchObject({ ok: false, error: { code: 'E_JSON' } });
    expect(!r.ok && r.error.message).toMatch(/^The file is not valid JSON: /);
  });

  it('a newer version is E_VERSION; version 0 too', () => {
    const r = parseScenarioFile(JSON.stringify({ ...classroom, version: 2 }));
    expect(r).toMatchObject({ ok: false, error: { code: 'E_VERSION', message: expect.stringContaining('version 2') as unknown } });
    expect(parseScenarioFile(JSON.stringify({ ...classroom, version: 0 }))).toMatchObject({ ok: false, error: { code: 'E_VERSION' } });
  });

  it('an out-of-range field: the message names the field and the allowed range', () => {
    const r = parseScenarioFile(JSON.stringify({ ...classroom, guest: { memoryMiB: 1 } }));
    expect(r).toMatchObject({ ok: false, error: { code: 'E_SCHEMA' } });
    expect(!r.ok && r.error.message).toMatch(/^The file's scenario is not valid: guest\.memoryMiB must be between 2 and 1048576/);
    const w = parseScenarioFile(JSON.stringify({ scenario: { ...classroom, strategy: { name: 'fast-3.11', batchZapPages: 0 } } }));
    expect(!w.ok && w.error.message).toContain('strategy.batchZapPages must be between 1 and 100000');
    const many = parseScenarioFile(JSON.stringify({ ...classroom, seed: -1, durationNs: 5 }));
    expect(!many.ok && many.error.issues).toEqual(
      expect.arrayContaining(['seed must be between 0 and 4294967295', 'durationNs must be between 1000 and 10000000000']),
    );
  });

  it('a file over the limit is refused before parsing', () => {
    expect(checkFileSize(FILE_LIMITS.maxBytes)).toEqual({ ok: true, value: null });
    expect(checkFileSize(3 * 1024 * 1024)).toMatchObject({
      ok: false,
      error: { code: 'E_FILE_SIZE', message: 'The file is 3.0 MiB; scenario files can be at most 1.0 MiB. It was not opened.' },
    });
    expect(parseScenarioFile(' '.repeat(FILE_LIMITS.maxBytes + 1))).toMatchObject({ ok: false, error: { code: 'E_FILE_SIZE' } });
  });

  it('deep nesting is refused quickly; bad interventions are dropped with a note', () => {
    expect(parseScenarioFile('['.repeat(500_000))).toMatchObject({ ok: false, error: { code: 'E_JSON' } });
    const r = parseScenarioFile(
      JSON.stringify({ scenario: classroom, interventions: [{ atEvent: -1, action: { type: 'memslot-delete' } }], extra: 1 }),
    );
    expect(r).toMatchObject({ ok: true, value: { interventions: [] } });
    expect(r.ok && r.value.notes).toEqual([
      'The file had fields this version does not know (extra), ignored.',
      "1 intervention of the file's 1 was invalid and dropped (interventions[0]: atEvent must be between 0 and 4294967295); the scenario opened without them, so the run may differ from the one shared.",
    ]);
  });

  it('file names are safe', () => {
    expect(scenarioFileName(classroom)).toBe('fastzap-classroom.json');
    expect(scenarioFileName({ ...classroom, name: '../Évil name/..' })).toBe('fastzap-vil-name.json');
    expect(scenarioFileName({ ...classroom, name: '' })).toBe('fastzap-scenario.json');
  });
});
