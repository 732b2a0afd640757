import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from './arbitraries.ts';
import { fromBase64Url, toBase64Url } from './base64url.ts';
import { nestsDeeperThan } from './json.ts';
import { scenarioSchema } from './schema.ts';

describe('base64url', () => {
  it('matches Node and round-trips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('points at the first bad character, and at the end of a cut group', () => {
    expect(fromBase64Url('ab+d')).toEqual({ badAt: 2 });
    expect(fromBase64Url('abcde')).toEqual({ badAt: 5 });
    expect(fromBase64Url('ab=')).toEqual({ badAt: 2 });
  });
});

describe('json helpers', () => {
  it('nestsDeeperThan counts brackets outside strings only', () => {
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('["[[[[[[", "\\"[[[["]', 1)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":{"c":{}}}}', 3)).toBe(true);
  });
});

describe('arbitraries', () => {
  it('scenarioArb only makes valid scenarios', () => {
    fc.assert(
      fc.property(scenarioArb(), (input) => {
        const r = scenarioSchema.safeParse(input);
        expect(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
