/**
 * Playback speed on a logarithmic scale: simulated nanoseconds per wall-clock second, in 1-2-5
 * steps from 1 µs/s to 100 ms/s.
 */
export const SPEEDS_NS_PER_S: readonly number[] = [1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7, 1e8];
/** 50 µs of simulated time per second: the classroom's bump and zap take a few seconds. */
export const DEFAULT_SPEED_INDEX = 5;

/** Clamp an index into SPEEDS_NS_PER_S. */
export function clampSpeedIndex(i: number): number {
  return Math.max(0, Math.min(SPEEDS_NS_PER_S.length - 1, Math.round(i)));
}

/** Simulated ns per wall-clock second at an index. */
export function speedAt(i: number): number {
  return SPEEDS_NS_PER_S[clampSpeedIndex(i)]!;
}

/** "50 µs/s", "1 ms/s", "100 ms/s". */
export function formatSpeed(nsPerS: number): string {
  if (nsPerS >= 1e6) return `${nsPerS / 1e6} ms/s`;
  if (nsPerS >= 1e3) return `${nsPerS / 1e3} µs/s`;
  return `${nsPerS} ns/s`;
}
