/** Text for people: times, actors, page names. */

/** Simulated nanoseconds as "950 ns", "300.0 µs", "1.04 ms", "2.50 s". */
export function formatNs(ns: number): string {
  const a = Math.abs(ns);
  if (a < 1_000) return `${Math.round(ns)} ns`;
  if (a < 1_000_000) return `${(ns / 1_000).toFixed(1)} µs`;
  if (a < 1_000_000_000) return `${(ns / 1_000_000).toFixed(2)} ms`;
  return `${(ns / 1_000_000_000).toFixed(2)} s`;
}

/** `vcpu3` → "vCPU 3"; `zapper` → "zapper"; `shrinker` → "shrinker". */
export function actorLabel(actor: string): string {
  const m = /^vcpu(\d+)$/.exec(actor);
  return m ? `vCPU ${m[1] ?? ''}` : actor;
}

/** A guest frame number as hex, the way kernel traces print it. */
export function hexGfn(gfn: number): string {
  return `0x${gfn.toString(16)}`;
}

/** "1 page", "3 pages". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
