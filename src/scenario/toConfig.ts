/** From a validated scenario to the core's `SimConfig`. */
import { DEFAULT_COSTS, PAGES_PER_GIB, defaultMaxMmuPages, type SimConfig, type Workload } from '../sim/public.ts';
import type { Scenario, WorkloadSpec } from './schema.ts';

const PAGES_PER_MIB = PAGES_PER_GIB / 1024;

export function vcpuCount(sc: Scenario): number {
  return sc.vcpus.reduce((n, g) => n + g.count, 0);
}

/** A workload spec placed in guest memory (`cursorMiB`: where an unplaced working set starts). */
function placeWorkload(sc: Scenario, w: WorkloadSpec, cursorMiB: number, k = 0): Workload {
  const guest = sc.guest.memoryMiB;
  const size = Math.min(w.sizeMiB ?? Math.max(1, Math.floor(guest / vcpuCount(sc))), guest);
  let base = w.baseMiB !== undefined ? w.baseMiB + k * size : cursorMiB;
  if (base + size > guest) base = Math.max(0, guest - size);
  return {
    pattern: w.pattern,
    baseGfn: base * PAGES_PER_MIB,
    pages: size * PAGES_PER_MIB,
    hotPermille: w.hotPermille,
    hotAccessPermille: w.hotAccessPermille,
    gapNs: w.gapNs,
  };
}

export function toConfig(sc: Scenario): SimConfig {
  const vcpus: Workload[] = [];
  let cursor = 0;
  for (const g of sc.vcpus) {
    for (let k = 0; k < g.count; k++) {
      const w = placeWorkload(sc, g, cursor, k);
      vcpus.push(w);
      cursor = (w.baseGfn + w.pages) / PAGES_PER_MIB;
      if (cursor >= sc.guest.memoryMiB) cursor = 0;
    }
  }
  const guestPages = sc.guest.memoryMiB * PAGES_PER_MIB;
  const total = vcpus.length;
  return {
    seed: sc.seed,
    strategy: sc.strategy.name as SimConfig['strategy'],
    lockBreak: sc.strategy.lockBreak,
    reschedEveryNs: sc.strategy.reschedEveryNs,
    batchZapPages: sc.strategy.batchZapPages,
    guestPages,
    nMaxMmuPages: sc.guest.nMaxMmuPages ?? defaultMaxMmuPages(guestPages),
    costs: { ...DEFAULT_COSTS, ...Object.fromEntries(Object.entries(sc.costs).filter(([, v]) => v !== undefined)) },
    vcpus,
    prepopulate: sc.prepopulate,
    script: sc.script
      .map((e) =>
        e.action.type === 'set-workload'
          ? { atNs: e.atNs, action: { ...e.action, workload: placeWorkload(sc, e.action.workload, 0) } }
          : { atNs: e.atNs, action: e.action },
      )
      .filter((e) => !('vcpu' in e.action) || e.action.vcpu < total),
    durationNs: sc.durationNs,
  };
}
