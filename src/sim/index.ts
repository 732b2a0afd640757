/** The simulation core's public surface. */
export * from './types.ts';
export * from './events.ts';
export * from './constants.ts';
export { STRATEGIES, STRATEGY_NAMES } from './strategy.ts';
export { Simulation } from './engine.ts';
export { Timeline, type TimedIntervention } from './timeline.ts';
export { InvariantChecker, type Violation } from './invariants.ts';
export { SummaryBuilder, type RunSummary } from './summary.ts';
