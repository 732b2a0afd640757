import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRATEGIES, STRATEGY_NAMES } from '../src/sim/strategy.ts';
import { HELP, UsageError, parseArgs } from './args.ts';

const ROOT = join(import.meta.dirname, '..');

describe('npm run sim: flags', () => {
  it('has defaults for everything', () => {
    expect(parseArgs([])).toEqual({
      listPresets: false,
      preset: null,
      scenario: null,
      strategy: null,
      seed: null,
      memoryGib: null,
      vcpus: null,
      durationMs: null,
      check: false,
      trace: null,
      json: false,
      compare: false,
      strategies: null,
      stopWhenSettled: false,
      help: false,
    });
  });

  it('reads every flag, values given as "--flag value" or "--flag=value"', () => {
    const a = parseArgs([
      '--preset',
      'root-in-use',
      '--strategy=zap-all',
      '--seed',
      '7',
      '--memory-gib=8',
      '--vcpus',
      '3',
      '--duration-ms',
      '20',
      '--check',
      '--json',
      '--trace',
      'out.jsonl',
      '--stop-when-settled',
    ]);
    expect(a).toMatchObject({
      preset: 'root-in-use',
      strategy: 'zap-all',
      seed: 7,
      memoryGib: 8,
      vcpus: 3,
      durationMs: 20,
      check: true,
      json: true,
      trace: 'out.jsonl',
      stopWhenSettled: true,
    });
    expect(parseArgs(['--compare', '--strategies', 'zap-all,,fast-3.11'])).toMatchObject({
      compare: true,
      strategies: ['zap-all', 'fast-3.11'],
    });
    expect(parseArgs(['--list-presets']).listPresets).toBe(true);
    expect(parseArgs(['-h']).help).toBe(true);
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['--seed', '4294967295']).seed).toBe(0xffffffff);
    expect(parseArgs(['--scenario', '-odd-name.json']).scenario).toBe('-odd-name.json');
  });

  it.each([
    [['--frobnicate'], 'unknown option "--frobnicate" (see --help)'],
    [['-x'], 'unknown option "-x" (see --help)'],
    [['classroom'], 'unknown option "classroom" (see --help)'],
    [['--check=yes'], '--check takes no value'],
    [['--preset'], '--preset needs a value'],
    [['--preset', '--check'], '--preset needs a value'],
    [['--vcpus', '999'], '--vcpus must be a whole number between 1 and 255 (got "999")'],
    [['--seed', '-5'], '--seed must be a whole number between 0 and 4294967295 (got "-5")'],
    [['--duration-ms=1.5'], '--duration-ms must be a whole number between 1 and 10000 (got "1.5")'],
    [['--memory-gib', '0'], '--memory-gib must be a whole number between 1 and 1024 (got "0")'],
    [['--preset', 'a', '--scenario', 'b.json'], 'give --preset or --scenario, not both'],
  ])('refuses %j with a message for people', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});

describe('npm run sim: --help', () => {
  it('lists every strategy of the strategy table, with its label', () => {
    for (const s of STRATEGY_NAMES)
      expect(HELP).toMatch(new RegExp(`^  ${s.replace('.', '\\.')} +${STRATEGIES[s].label.replace(/[()+.]/g, '\\$&')}$`, 'm'));
  });

  it('lists every flag the parser takes', () => {
    for (const flag of [
      '--list-presets',
      '--preset',
      '--scenario',
      '--strategy',
      '--seed',
      '--memory-gib',
      '--vcpus',
      '--duration-ms',
      '--stop-when-settled',
      '--check',
      '--trace',
      '--json',
      '--compare',
      '--strategies',
      '-h, --help',
    ]) {
      expect(HELP).toMatch(new RegExp(`^  ${flag}\\b`, 'm'));
    }
  });

  it('points only at files that exist', () => {
    const paths = HELP.match(/\b[\w-]+(?:\/[\w.-]+)+/g) ?? [];
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(existsSync(join(ROOT, p)), p).toBe(true);
  });
});
