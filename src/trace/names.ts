/**
 * A run's kernel names, read from its strategy's row of the table (src/sim/strategy.ts). The fold
 * carries them into every Frame, and narration words its sentences with them.
 */
import { STRATEGIES, kernelSourceUrl } from '../sim/strategy.ts';
import type { SimConfig } from '../sim/types.ts';
import type { StrategyNames } from './frame.ts';
import type { FoldRun } from './foldState.ts';

/** The names of `strategy` run with `batchZapPages` as its BATCH_ZAP_PAGES. */
export function strategyNames(cfg: Pick<SimConfig, 'strategy' | 'batchZapPages'>): StrategyNames {
  const t = STRATEGIES[cfg.strategy];
  return {
    strategy: cfg.strategy,
    label: t.label,
    entryFn: t.entryFn,
    walkFn: t.walk.fn,
    walkList: t.walk.list,
    walkFrom: t.walk.from,
    zapList: t.prepareInto,
    batchLimit: t.lock.breakFn !== null && t.lock.batched ? cfg.batchZapPages : null,
    lockBreakFn: t.lock.breakFn,
    genRule: t.generation.rule,
    bumpFn: t.generation.fn,
    source: kernelSourceUrl(t),
  };
}

/** What the fold of a run of `cfg` needs to know besides its events. */
export function foldRunOf(cfg: Pick<SimConfig, 'strategy' | 'batchZapPages' | 'vcpus'>): FoldRun {
  return { vcpus: cfg.vcpus.length, names: strategyNames(cfg) };
}
