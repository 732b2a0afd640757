/**
 * The actor codec: an actor is an `ActorId` inside the core (vCPU n is `n >= 0`; ZAPPER, SHRINKER
 * and SETUP are negative) and an `ActorName` in events (`vcpu3`, `zapper`, `shrinker`, `setup`).
 * Every translation between the two, every "is this a vCPU?", and every ActorId, is made here.
 */
import type { ActorName } from './events.ts';
import type { ActorId } from './types.ts';

/** The one cast to ActorId. */
const asActor = (n: number): ActorId => n as ActorId;

export const ZAPPER = asActor(-1);
export const SHRINKER = asActor(-2);
export const SETUP = asActor(-3);

/** vCPU `n`'s actor id. */
export function vcpuActor(n: number): ActorId {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`no vCPU ${n}`);
  return asActor(n);
}

const NAMED: readonly (readonly [ActorId, ActorName])[] = [
  [ZAPPER, 'zapper'],
  [SHRINKER, 'shrinker'],
  [SETUP, 'setup'],
];

/** vCPU names, made once each: `emit` names an actor for every event. */
const VCPU_NAMES: ActorName[] = [];

/** The name events carry for actor `a`. Throws on an id that is no actor (a bug in the core). */
export function actorName(a: ActorId): ActorName {
  if (a >= 0) return (VCPU_NAMES[a] ??= `vcpu${a}`);
  for (const [id, name] of NAMED) if (id === a) return name;
  throw new Error(`unknown actor ${a}`);
}

/** The id of the actor named `name` (`vcpu3` → 3, `zapper` → ZAPPER), or null if it names none. */
export function parseActor(name: string): ActorId | null {
  const m = /^vcpu(0|[1-9]\d{0,8})$/.exec(name);
  if (m) return asActor(Number(m[1]));
  for (const [id, n] of NAMED) if (n === name) return id;
  return null;
}

/** Is `name` a vCPU's (`vcpu<n>`)? */
export function isVcpu(name: string): name is `vcpu${number}` {
  return name.startsWith('vcpu');
}

/**
 * The vCPU number of an actor's name, or -1 for the zapper, the shrinker and the setup. Cheap: the
 * fold and the summary call it for every event, on names the core wrote.
 */
export function vcpuOf(name: string): number {
  return isVcpu(name) ? Number(name.slice(4)) : -1;
}
