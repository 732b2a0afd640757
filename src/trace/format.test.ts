import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actorLabel, formatCompact, formatCount, formatNs, hexGfn, plural } from './format.ts';

const UNIT_NS: Record<string, number> = { ns: 1, µs: 1e3, ms: 1e6, s: 1e9 };
const ORDER = ['ns', 'µs', 'ms', 's'];
/** Any time, and often one just around a unit's boundary (m × 10^e ± d), where rounding bites. */
const anyNs = fc.oneof(
  fc.integer({ min: 0, max: 10 ** 13 }),
  fc
    .tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: -60, max: 60 }))
    .map(([m, e, d]) => Math.max(0, m * 10 ** e + d)),
);

describe('formatNs: one rounding rule', () => {
  it('shows each unit with its fixed decimals', () => {
    expect(formatNs(0)).toBe('0 ns');
    expect(formatNs(850)).toBe('850 ns');
    expect(formatNs(1_000)).toBe('1.0 µs');
    expect(formatNs(319_400)).toBe('319.4 µs');
    expect(formatNs(3_400_000)).toBe('3.40 ms');
    expect(formatNs(1_056_350_000)).toBe('1.056 s');
    expect(formatNs(16_525_660_000)).toBe('16.526 s');
  });

  it('rounds half up on the exact figure (toFixed on a float would not)', () => {
    expect(formatNs(1_250)).toBe('1.3 µs');
    expect(formatNs(1_249)).toBe('1.2 µs');
    expect((1_005_000 / 1e6).toFixed(2)).toBe('1.00'); // the trap the old formatters fell into
    expect(formatNs(1_005_000)).toBe('1.01 ms');
    expect(formatNs(999.5)).toBe('1.0 µs');
    expect(formatNs(999.4)).toBe('999 ns');
  });

  it('moves to the next unit when rounding reaches 1000: never "1000.0 µs"', () => {
    expect(formatNs(999_949)).toBe('999.9 µs');
    expect(formatNs(999_950)).toBe('1.00 ms');
    expect(formatNs(999_995_000)).toBe('1.000 s');
    expect(formatNs(999_994_999)).toBe('999.99 ms');
  });

  it('prints "—" for the metrics\' "never" (-1) and for non-numbers', () => {
    expect(formatNs(-1)).toBe('—');
    expect(formatNs(Number.NaN)).toBe('—');
    expect(formatNs(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('for any time: within half a shown step, under 1000 in its unit, and in the smallest unit that allows it', () => {
    fc.assert(
      fc.property(anyNs, (ns) => {
        const m = /^(\d+)(?:\.(\d+))? (ns|µs|ms|s)$/.exec(formatNs(ns));
        expect(m, formatNs(ns)).not.toBeNull();
        const [, whole, frac = '', unit = ''] = m!;
        const step = UNIT_NS[unit]! / 10 ** frac.length;
        const shown = Number(`${whole}.${frac || '0'}`) * UNIT_NS[unit]!;
        expect(Math.abs(shown - ns)).toBeLessThanOrEqual(step / 2 + 1e-6 * step);
        if (unit !== 's') expect(Number(whole)).toBeLessThan(1000);
        const k = ORDER.indexOf(unit);
        if (k > 0) {
          // One unit smaller would have shown 1000 or more.
          const smaller = ORDER[k - 1]!;
          const decimals = [0, 1, 2, 3][k - 1]!;
          expect(Math.round((ns * 10 ** decimals) / UNIT_NS[smaller]!)).toBeGreaterThanOrEqual(1000 * 10 ** decimals);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('counts, plurals, hex, actors', () => {
  it('groups thousands and picks the plural', () => {
    expect(formatCount(32_833)).toBe('32,833');
    expect(plural(1, 'page')).toBe('1 page');
    expect(plural(0, 'page')).toBe('0 pages');
    expect(plural(4_105, 'page')).toBe('4,105 pages');
    expect(plural(2, 'child', 'children')).toBe('2 children');
  });

  it('writes frame numbers in hex as kernel traces do', () => {
    expect(hexGfn(500)).toBe('0x1f4');
    expect(hexGfn(0)).toBe('0x0');
  });

  it('names actors for people', () => {
    expect(actorLabel('vcpu3')).toBe('vCPU 3');
    expect(actorLabel('vcpu12')).toBe('vCPU 12');
    expect(actorLabel('zapper')).toBe('zapper');
    expect(actorLabel('shrinker')).toBe('shrinker');
    expect(actorLabel('vcpu')).toBe('vcpu');
  });
});

describe('formatCompact', () => {
  it('keeps small counts whole and gives large ones two significant figures', () => {
    expect(formatCompact(3249)).toBe('3,249');
    expect(formatCompact(12_345)).toBe('12 k');
    expect(formatCompact(117_612)).toBe('118 k');
    expect(formatCompact(999_950)).toBe('1.0 M');
    expect(formatCompact(2_500_000)).toBe('2.5 M');
    expect(formatCompact(900_000_000)).toBe('900 M');
    expect(formatCompact(2_547_409_236_339)).toBe('2.5 T');
    expect(formatCompact(9_960)).toBe('9,960');
  });
});
