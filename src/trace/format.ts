/**
 * Text for people, one way everywhere: the narration, the UI and the CLI's tables format times,
 * actors, counts and hex with these functions (pure, platform-free).
 */
import { parseActor } from '../sim/actors.ts';

/** Display units, smallest first: each shows a fixed number of decimals. */
const UNITS = [
  { unit: 'ns', ns: 1, decimals: 0 },
  { unit: 'µs', ns: 1_000, decimals: 1 },
  { unit: 'ms', ns: 1_000_000, decimals: 2 },
  { unit: 's', ns: 1_000_000_000, decimals: 3 },
] as const;

/**
 * Simulated nanoseconds as "950 ns", "300.0 µs", "1.04 ms", "2.500 s". The one rounding rule:
 * round half up to the unit's decimals (ns 0, µs 1, ms 2, s 3), in the smallest unit in which the
 * rounded figure stays under 1000 (so 999,960 ns is "1.00 ms", never "1000.0 µs"). A negative
 * value — the metrics' "never happened" (-1) — or a non-number prints as "—".
 */
export function formatNs(ns: number): string {
  if (!(ns >= 0) || !Number.isFinite(ns)) return '—';
  for (const u of UNITS) {
    const scale = 10 ** u.decimals;
    // Integer steps of the last shown digit: Math.round on an exact quotient rounds half up.
    const steps = Math.round((ns * scale) / u.ns);
    if (steps < 1000 * scale || u.unit === 's') {
      const whole = Math.floor(steps / scale);
      const frac = u.decimals === 0 ? '' : `.${String(steps % scale).padStart(u.decimals, '0')}`;
      return `${whole}${frac} ${u.unit}`;
    }
  }
  return '—'; // not reached: the last unit always returns
}

/** A count with thousands separators: 32833 → "32,833". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Large counts in a word's space, two significant figures past 10,000: "3,249", "12 k", "900 M", "2.5 T". */
export function formatCompact(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) < 10_000) return formatCount(Math.round(n));
  const units: [number, string][] = [
    [1e3, 'k'],
    [1e6, 'M'],
    [1e9, 'G'],
    [1e12, 'T'],
  ];
  for (const [scale, unit] of units) {
    const x = n / scale;
    const whole = Math.abs(x) >= 9.95;
    const shown = whole ? Math.round(x) : Math.round(x * 10) / 10;
    // 999,950 is "1.0 M", not "1000 k".
    if (Math.abs(shown) < 1000 || unit === 'T') return `${whole ? formatCount(shown) : shown.toFixed(1)} ${unit}`;
  }
  return formatCount(n); // not reached: the last unit always returns
}

/** "1 page", "3,105 pages" (`many` defaults to `one` + "s"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A guest frame number (or any address) as hex, the way kernel traces print it: 0x1f4. */
export function hexGfn(n: number): string {
  return `0x${n.toString(16)}`;
}

/** An actor's name for people: `vcpu3` → "vCPU 3"; `zapper`, `shrinker`, `setup` as they are. */
export function actorLabel(name: string): string {
  const id = parseActor(name);
  return id !== null && id >= 0 ? `vCPU ${id}` : name;
}
