/**
 * The context every rule runs in: the state, the config and the event sink. A step runs at one
 * simulated instant (`s.tNs`); its cost is the delay before the actor's next step.
 */
import { actorName } from './actors.ts';
import type { EventBody, SimEvent, ActorName } from './events.ts';
import { heapPush } from './queue.ts';
import type { ActorId, SimConfig, SimState } from './types.ts';
import { SHRINKER, ZAPPER } from './actors.ts';
import { STRATEGIES, type StrategyTraits } from './strategy.ts';

export interface Ctx {
  readonly s: SimState;
  readonly cfg: SimConfig;
  readonly traits: StrategyTraits;
  /** Receives every event, in order. */
  readonly sink: (e: SimEvent) => void;
}

export function makeCtx(s: SimState, cfg: SimConfig, sink: (e: SimEvent) => void): Ctx {
  return { s, cfg, traits: STRATEGIES[cfg.strategy], sink };
}

/**
 * Stamp and emit one event at the current instant. The body (always a fresh literal at the call
 * site) is stamped in place rather than copied: this is the hottest path of the simulator.
 */
export function emit(ctx: Ctx, actor: ActorId, body: EventBody): void {
  const s = ctx.s;
  const e = body as { i?: number; tNs?: number; actor?: ActorName };
  e.i = s.eventCount;
  e.tNs = s.tNs;
  e.actor = actorName(actor);
  s.eventCount++;
  ctx.sink(e as SimEvent);
}

/** Wake `actor` after `delayNs` with its current token. */
export function schedule(ctx: Ctx, actor: ActorId, delayNs: number, token: number): void {
  const s = ctx.s;
  heapPush(s.queue, { tNs: s.tNs + Math.max(0, Math.round(delayNs)), seq: s.nextSeq++, actor, token });
}

/** The wake token an actor's scheduled wake-ups must carry to be honoured. */
export function tokenOf(s: SimState, actor: ActorId): number {
  if (actor >= 0) return s.vcpus[actor]!.wakeToken;
  if (actor === ZAPPER) return s.zapper.wakeToken;
  if (actor === SHRINKER) return s.shrinker.wakeToken;
  return 0;
}

/** Schedule `actor` with its current token. */
export function wake(ctx: Ctx, actor: ActorId, delayNs: number): void {
  schedule(ctx, actor, delayNs, tokenOf(ctx.s, actor));
}
