/**
 * The decoder against hostile input: thousands of random and mutated links (linkCorpus.ts). It
 * must never throw, and must return a typed error or a valid scenario; the shapes meant to be
 * slow are refused by a limit. (How long decoding takes is measured by `npm run bench`.)
 */
import { describe, expect, it } from 'vitest';
import { ERRORS } from './errors.ts';
import { decodeLink } from './link.ts';
import { linkCorpus } from './linkCorpus.ts';
import { scenarioSchema } from './schema.ts';

describe('decodeLink under fuzzing', () => {
  it('never throws, and returns a typed error or a valid run', () => {
    const cases = linkCorpus();
    const codes = new Set(Object.keys(ERRORS));
    const byKind = new Map<string, Map<string, number>>();
    for (const c of cases) {
      let r: ReturnType<typeof decodeLink>;
      try {
        r = decodeLink(c.input);
      } catch (e) {
        throw new Error(`decodeLink threw on a ${c.kind} case (${c.input.slice(0, 80)}…): ${String(e)}`, { cause: e });
      }
      if (r.ok) {
        expect(scenarioSchema.safeParse(r.value.scenario).success).toBe(true);
        expect(Array.isArray(r.value.interventions) && Array.isArray(r.value.notes)).toBe(true);
      } else {
        expect(codes.has(r.error.code), `${c.kind}: unknown code ${r.error.code}`).toBe(true);
        expect(typeof r.error.message === 'string' && r.error.message.length > 10).toBe(true);
      }
      const code = r.ok ? 'ok' : r.error.code;
      const m = byKind.get(c.kind) ?? new Map<string, number>();
      m.set(code, (m.get(code) ?? 0) + 1);
      byKind.set(c.kind, m);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(cases.length).toBeGreaterThan(5000);
    const codesOf = (kind: string) => [...(byKind.get(kind)?.keys() ?? [])].sort();
    // Every valid link opens; a link cut short never does.
    expect(codesOf('valid')).toEqual(['ok']);
    expect(codesOf('truncate')).toEqual(['E_LINK_DECODE']);
    // The slow shapes stop at a limit: size (before inflating all of it), nesting (before parsing).
    expect(codesOf('huge')).toEqual(['E_LINK_SIZE']);
    expect(codesOf('bomb')).toEqual(['E_LINK_SIZE']);
    expect(codesOf('deep-unclosed')).toEqual(['E_LINK_DECODE']);
    const deep = decodeLink(cases.find((c) => c.kind === 'deep-unclosed')!.input);
    expect(!deep.ok && deep.error.message).toMatch(/nest more than/);
  });
});
