import { describe, expect, it } from 'vitest';
import { SETUP, SHRINKER, ZAPPER, actorName, isVcpu, parseActor, vcpuActor, vcpuOf } from './actors.ts';
import type { ActorId } from './types.ts';

describe('the actor codec', () => {
  it('names every actor and reads the name back', () => {
    for (let a = SETUP; a < 300; a++) expect(parseActor(actorName(a))).toBe(a);
    expect([actorName(ZAPPER), actorName(SHRINKER), actorName(SETUP), actorName(vcpuActor(0)), actorName(vcpuActor(31))]).toEqual([
      'zapper',
      'shrinker',
      'setup',
      'vcpu0',
      'vcpu31',
    ]);
  });

  it('refuses what names no actor', () => {
    for (const bad of ['', 'vcpu', 'vcpu-1', 'vcpu01', 'vcpu1.5', 'Zapper', 'vcpu 1', ' zapper']) expect(parseActor(bad), bad).toBeNull();
    expect(() => actorName(-4 as ActorId)).toThrow(/unknown actor -4/); // only a cast makes such an id
  });

  it('tells vCPUs from the others, and their number', () => {
    expect([isVcpu('vcpu7'), isVcpu('zapper'), isVcpu('setup')]).toEqual([true, false, false]);
    expect([vcpuOf('vcpu7'), vcpuOf('vcpu0'), vcpuOf('zapper'), vcpuOf('shrinker'), vcpuOf('setup')]).toEqual([7, 0, -1, -1, -1]);
  });
});
