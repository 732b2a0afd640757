import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArb } from './arbitraries.ts';
import { canonicalJson } from './json.ts';
import { applyMergePatch, createMergePatch } from './mergePatch.ts';
import { scenarioSchema } from './schema.ts';

/** RFC 7386 Appendix A, every row: original, patch, result. */
const APPENDIX_A: [string, string, string][] = [
  ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
  ['{"a":"b"}', '{"a":null}', '{}'],
  ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
  ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
  ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
  ['{"a":{"b":"c"}}', '{"a":{"b":"d","c":null}}', '{"a":{"b":"d"}}'],
  ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
  ['["a","b"]', '["c","d"]', '["c","d"]'],
  ['{"a":"b"}', '["c"]', '["c"]'],
  ['{"a":"foo"}', 'null', 'null'],
  ['{"a":"foo"}', '"bar"', '"bar"'],
  ['{"e":null}', '{"a":1}', '{"e":null,"a":1}'],
  ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
  ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
];

describe('JSON Merge Patch (RFC 7386)', () => {
  it.each(APPENDIX_A)('Appendix A: %s patched with %s is %s', (original, patch, result) => {
    expect(applyMergePatch(JSON.parse(original), JSON.parse(patch))).toEqual(JSON.parse(result));
  });

  it('the example of section 3', () => {
    const target = {
      title: 'Goodbye!',
      author: { givenName: 'John', familyName: 'Doe' },
      tags: ['example', 'sample'],
      content: 'This will be unchanged',
    };
    const patch = { title: 'Hello!', phoneNumber: '+01-123-456-7890', author: { familyName: null }, tags: ['example'] };
    expect(applyMergePatch(target, patch)).toEqual({
      title: 'Hello!',
      author: { givenName: 'John' },
      tags: ['example'],
      content: 'This will be unchanged',
      phoneNumber: '+01-123-456-7890',
    });
    expect(target.author.familyName).toBe('Doe'); // the target is not changed in place
  });

  it('createMergePatch gives the patch that applyMergePatch turns back into the target', () => {
    fc.assert(
      fc.property(scenarioArb(), scenarioArb(), (a, b) => {
        const base = scenarioSchema.parse(a);
        const target = scenarioSchema.parse(b);
        const d = createMergePatch(base, target);
        expect(canonicalJson(d === undefined ? base : applyMergePatch(base, d))).toBe(canonicalJson(target));
      }),
      { numRuns: 200 },
    );
  });

  it('creates the smallest patch: equal members left out, a removed one as null, arrays whole', () => {
    expect(createMergePatch({ a: 1, b: { c: 2, d: 3 } }, { a: 1, b: { c: 2 } })).toEqual({ b: { d: null } });
    expect(createMergePatch({ a: [1, 2], b: 1 }, { a: [1, 3], b: 1 })).toEqual({ a: [1, 3] });
    expect(createMergePatch({ a: { b: 1 } }, { a: { b: 1 } })).toBeUndefined();
    expect(createMergePatch({ a: 1 }, { a: 1, b: undefined })).toBeUndefined();
  });

  it('__proto__ in a patch stays an own key and pollutes nothing', () => {
    const out = applyMergePatch({ a: 1 }, JSON.parse('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['a', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
