/** The speed control's logarithmic scale: a slider position in [0, 100] ↔ a speed. */
import { scaleLog } from 'd3-scale';

export function speedScale(min: number, max: number) {
  const toSpeed = scaleLog().domain([1, 101]).range([min, max]).clamp(true);
  const toPos = scaleLog().domain([min, max]).range([1, 101]).clamp(true);
  return {
    toSpeed: (pos: number) => toSpeed(pos + 1),
    toPos: (speed: number) => toPos(speed) - 1,
  };
}

/** A speed for people: "×0.5", "×20". */
export function formatSpeed(speed: number): string {
  const digits = speed < 1 ? 2 : speed < 10 ? 1 : 0;
  return `×${Number(speed.toFixed(digits))}`;
}
