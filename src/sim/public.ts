/**
 * The core's public data: the one module of `src/sim` that the page's layers (scenario, protocol,
 * client, state, viz, ui) may import. Re-exports only, and only pure data and types: the strategy
 * table, the constants and cost model, the event and intervention types. The engine (Simulation,
 * Timeline, EventLog, pack, ...) is not here, so it stays out of the page's main chunk; the worker,
 * the trace fold and the CLI import it from its own modules. Enforced by `.dependency-cruiser.js`
 * (rule `core-only-through-sim-public`) and `scripts/checkBundle.ts`.
 */
export { STRATEGIES, STRATEGY_NAMES } from './strategy.ts';
export { BATCH_ZAP_PAGES, DEFAULT_COSTS, PAGES_PER_GIB, defaultMaxMmuPages, type CostModel } from './constants.ts';
export type { Intervention, SimConfig, Strategy, Workload } from './types.ts';
export type { SimEvent, SimEventType } from './events.ts';
export type { TimedIntervention } from './timeline.ts';
