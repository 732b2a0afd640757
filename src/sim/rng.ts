/**
 * sfc32, a small fast PRNG whose whole state is four 32-bit words kept in the sim state, so a
 * snapshot carries it and a restore continues the same sequence. Integer-only: the same draws in
 * every JavaScript engine.
 */
export type RngState = [number, number, number, number];

/** Seed the generator (splitmix32 over the seed, then 12 warm-up rounds). */
export function seedRng(seed: number): RngState {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const st: RngState = [next(), next(), next(), 1];
  for (let i = 0; i < 12; i++) nextU32(st);
  return st;
}

/** Next uniform 32-bit unsigned integer; advances `st` in place. */
function nextU32(st: RngState): number {
  let [a, b, c, d] = st;
  a >>>= 0;
  b >>>= 0;
  c >>>= 0;
  d >>>= 0;
  const t = (((a + b) >>> 0) + d) >>> 0;
  d = (d + 1) >>> 0;
  a = b ^ (b >>> 9);
  b = (c + (c << 3)) >>> 0;
  c = (c << 21) | (c >>> 11);
  c = (c + t) >>> 0;
  st[0] = a >>> 0;
  st[1] = b;
  st[2] = c;
  st[3] = d;
  return t;
}

/** Uniform integer in [0, n), n ≤ 2^32 (rejection sampling: no modulo bias). */
export function nextInt(st: RngState, n: number): number {
  if (n <= 1) return 0;
  const limit = Math.floor(0x100000000 / n) * n;
  for (;;) {
    const x = nextU32(st);
    if (x < limit) return x % n;
  }
}
