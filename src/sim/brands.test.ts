/**
 * Page ids and actor ids are branded (types.ts): neither is the other, and a plain number is
 * neither. The `@ts-expect-error` lines are the test: `npm run typecheck` (tsc -b, which covers
 * test files) fails if one of them compiles, i.e. if a brand is lost. At run time they are plain
 * numbers, so events and their JSON are unchanged.
 */
import { describe, expect, it } from 'vitest';
import { SETUP, ZAPPER, parseActor, vcpuActor } from './actors.ts';
import { makeCtx } from './ctx.ts';
import { page } from './pages.ts';
import { kick } from './requests.ts';
import { initialState } from './setup.ts';
import { makeConfig } from './testkit.ts';
import { INVALID_PAGE, pageId, type ActorId, type PageId } from './types.ts';

describe('branded ids', () => {
  it('a page id is not an actor, an actor is not a page id, and a plain number is neither', () => {
    const p: PageId = pageId(3);
    const a: ActorId = vcpuActor(1);
    // @ts-expect-error a page id where an actor is expected
    const asActor: ActorId = p;
    // @ts-expect-error an actor where a page id is expected
    const asPage: PageId = a;
    // @ts-expect-error a plain number where a page id is expected
    const fromNumber: PageId = 3;
    // @ts-expect-error a plain number where an actor is expected
    const actorFromNumber: ActorId = 1;
    // Both are numbers at run time (a vCPU index, a Map key, a JSON number).
    expect([asActor, asPage, fromNumber, actorFromNumber]).toEqual([3, 1, 3, 1]);
    expect(JSON.stringify({ page: p, actor: a })).toBe('{"page":3,"actor":1}');
  });

  it('the core takes each only where it belongs', () => {
    const cfg = makeConfig();
    const ctx = makeCtx(initialState(cfg), cfg, () => undefined);
    // @ts-expect-error kick wants a vCPU (an actor), not a page
    expect(() => kick(ctx, pageId(7), 'ipi')).toThrow();
    // @ts-expect-error page() wants a page id, not an actor
    expect(() => page(ctx.s, ZAPPER)).toThrow();
    expect(() => page(ctx.s, INVALID_PAGE)).toThrow();
  });

  it('only the codec makes actor ids', () => {
    expect([vcpuActor(0), ZAPPER, SETUP, parseActor('vcpu12'), parseActor('zapper')]).toEqual([0, -1, -3, 12, -1]);
    expect(() => vcpuActor(-1)).toThrow(/no vCPU -1/);
    expect(() => vcpuActor(1.5)).toThrow(/no vCPU 1.5/);
  });
});
