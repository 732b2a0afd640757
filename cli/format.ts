/** Human-readable output of the CLI: a summary block and a side-by-side table. */
import { formatNs as ns } from '../src/trace/format.ts';

export interface Row {
  scenario: string;
  strategy: string;
  seed: number;
  maxZapperHoldNs: number;
  maxZapperHoldExclCommitNs: number;
  vcpuLockWaitNs: number;
  vcpuMaxWaitNs: number;
  invalidationNs: number;
  lockBreaks: number;
  pagesZapped: number;
  shadowPagesPeak: number;
  events: number;
  eventLogSha256: string;
  violation: unknown;
  wallMs: number;
}

export function formatSummary(r: Row): string {
  return [
    `scenario ${r.scenario}  strategy ${r.strategy}  seed ${r.seed}`,
    `  longest zapper hold of mmu_lock   ${ns(r.maxZapperHoldNs)}  (${ns(r.maxZapperHoldExclCommitNs)} without the final commit)`,
    `  vCPU time spinning on mmu_lock    ${ns(r.vcpuLockWaitNs)}  (longest single spin ${ns(r.vcpuMaxWaitNs)})`,
    `  invalidation → last page freed    ${ns(r.invalidationNs)}`,
    `  lock breaks ${r.lockBreaks}   pages zapped ${r.pagesZapped}   shadow pages peak ${r.shadowPagesPeak}`,
    `  events ${r.events}   sha256 ${r.eventLogSha256}   (${r.wallMs} ms wall)`,
    r.violation ? '  INVARIANT VIOLATED (see stderr)' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function formatCompare(rows: readonly Row[]): string {
  const head = [
    'strategy',
    'longest hold',
    'hold w/o commit',
    'vCPU spin total',
    'longest spin',
    'inval → freed',
    'breaks',
    'zapped',
    'events',
  ];
  const body = rows.map((r) => [
    r.strategy,
    ns(r.maxZapperHoldNs),
    ns(r.maxZapperHoldExclCommitNs),
    ns(r.vcpuLockWaitNs),
    ns(r.vcpuMaxWaitNs),
    ns(r.invalidationNs),
    String(r.lockBreaks),
    String(r.pagesZapped),
    String(r.events),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    `scenario ${rows[0]?.scenario ?? ''}, seed ${rows[0]?.seed ?? ''}`,
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}
