/** Deep copy of the simulation state, for snapshots and checkpoints (no shared mutable parts). */
import type { PageId, ShadowPage, SimState } from './types.ts';

function clonePage(p: ShadowPage): ShadowPage {
  return {
    ...p,
    role: { ...p.role },
    children: new Map(p.children),
    leaves: p.leaves ? p.leaves.slice() : null,
    parents: p.parents.map((x) => ({ ...x })),
  };
}

/**
 * A deep copy of `s` that takes the given pages, hash index and n_used samples as they are (the
 * caller made them fresh) and copies everything else. The one place that knows which parts of
 * the state are mutable: `cloneState` and the packed checkpoints (pack.ts) both go through it.
 */
export function copyStateWith(
  s: Readonly<SimState>,
  pages: Map<PageId, ShadowPage>,
  index: Map<string, PageId[]>,
  nUsedSamples: [number, number][],
): SimState {
  return {
    ...s,
    rng: [s.rng[0], s.rng[1], s.rng[2], s.rng[3]],
    pages,
    hashCount: s.hashCount.slice(),
    index,
    zappedObsolete: s.zappedObsolete.slice(),
    lock: { ...s.lock, waiters: s.lock.waiters.map((w) => ({ ...w })) },
    vcpus: s.vcpus.map((v) => ({ ...v })),
    zapper: { ...s.zapper, queue: s.zapper.queue.slice(), invalidList: s.zapper.invalidList.slice() },
    shrinker: { ...s.shrinker },
    queue: s.queue.slice(),
    script: s.script.slice(),
    metrics: {
      ...s.metrics,
      batchSizes: s.metrics.batchSizes.slice(),
      nUsedSamples,
      invalidations: s.metrics.invalidations.map((x) => ({ ...x })),
    },
  };
}

export function cloneState(s: Readonly<SimState>): SimState {
  const pages = new Map<PageId, ShadowPage>();
  for (const [id, p] of s.pages) pages.set(id, clonePage(p));
  const index = new Map<string, PageId[]>();
  for (const [k, v] of s.index) index.set(k, v.slice());
  return copyStateWith(
    s,
    pages,
    index,
    s.metrics.nUsedSamples.map((x): [number, number] => [x[0], x[1]]),
  );
}
