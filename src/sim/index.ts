/** The simulation core's public surface. */
export * from './types.ts';
export * from './events.ts';
export * from './constants.ts';
export { STRATEGIES, STRATEGY_NAMES, nextGen, kernelSourceUrl, type StrategyTraits, type StrategyName, type GenerationRule, type ZapListName } from './strategy.ts';
export { Simulation, type EventListener } from './engine.ts';
export { cloneState } from './clone.ts';
export { Timeline, EVENTS_PER_PAGE, DEFAULT_CHECKPOINT_BYTES, type TimedIntervention, type TimelineOptions } from './timeline.ts';
export { EventLog } from './eventLog.ts';
export { packState, unpackState, type PackedState } from './pack.ts';
export { InvariantChecker, INVARIANTS, type InvariantName, type Violation } from './invariants.ts';
export { SummaryBuilder, type RunSummary } from './summary.ts';
