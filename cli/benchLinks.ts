/**
 * The link decoder's part of `npm run bench`: decodeLink over the fuzz corpus (linkCorpus.ts,
 * ~5,000 hostile links). Cold: the first pass, JIT and zod's parsers included (a page's first
 * link). Warm: the best of three per link, so a GC pause or a busy machine is not counted as
 * decoding. (These were bounds in linkFuzz.test.ts: 50 ms a link warm, 250 ms cold.)
 */
import { decodeLink } from '../src/scenario/link.ts';
import { linkCorpus, type CorpusLink } from '../src/scenario/linkCorpus.ts';

export interface LinkRow {
  links: number;
  coldMaxMs: number;
  coldMaxKind: string;
  warmMaxMs: number;
  warmMaxKind: string;
  warmP99Ms: number;
  warmMedianMs: number;
}

const ms = (x: number) => Math.round(x * 1000) / 1000;

function timeOne(c: CorpusLink): number {
  const t0 = performance.now();
  decodeLink(c.input);
  return performance.now() - t0;
}

export function benchLinks(): LinkRow {
  const cases = linkCorpus();
  let cold = { ms: 0, kind: '' };
  for (const c of cases) {
    const t = timeOne(c);
    if (t > cold.ms) cold = { ms: t, kind: c.kind };
  }
  const times: number[] = [];
  let warm = { ms: 0, kind: '' };
  for (const c of cases) {
    const t = Math.min(timeOne(c), timeOne(c), timeOne(c));
    times.push(t);
    if (t > warm.ms) warm = { ms: t, kind: c.kind };
  }
  times.sort((a, b) => a - b);
  return {
    links: cases.length,
    coldMaxMs: ms(cold.ms),
    coldMaxKind: cold.kind,
    warmMaxMs: ms(warm.ms),
    warmMaxKind: warm.kind,
    warmP99Ms: ms(times[Math.floor(times.length * 0.99)] ?? 0),
    warmMedianMs: ms(times[times.length >> 1] ?? 0),
  };
}

export function formatLinks(r: LinkRow): string {
  return [
    '| link decoding (fuzz corpus) | links | cold: slowest | warm: slowest | warm p99 | warm median |',
    '|---|---|---|---|---|---|',
    `| decodeLink | ${r.links} | ${r.coldMaxMs} ms (${r.coldMaxKind}) | ${r.warmMaxMs} ms (${r.warmMaxKind}) | ${r.warmP99Ms} ms | ${r.warmMedianMs} ms |`,
  ].join('\n');
}
