/**
 * The checkpoint store on its own, with a toy state: spacing (events and events per page),
 * thinning under the count, byte and page budgets, lookup, truncation. The Timeline and Folder
 * tests check the same store against real runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckpointStore, policyOf, type CheckpointCodec, type CheckpointPolicy } from './checkpoints.ts';

/** A toy state: `pages` pages, and a value to tell copies apart. */
interface Toy {
  pages: number;
  value: number;
}
interface PackedToy {
  readonly pages: number;
  readonly value: number;
}

/** 100 bytes a page, at least 100; counts its pack calls. */
function toyCodec(): CheckpointCodec<Toy, PackedToy> & { packs: number } {
  const codec = {
    packs: 0,
    pack: (s: Readonly<Toy>): PackedToy => {
      codec.packs++;
      return { pages: s.pages, value: s.value };
    },
    unpack: (p: PackedToy): Toy => ({ pages: p.pages, value: p.value }),
    bytes: (p: PackedToy) => 100 * Math.max(1, p.pages),
    pages: (s: Readonly<Toy>) => s.pages,
  };
  return codec;
}

const POLICY: CheckpointPolicy = { every: 10, eventsPerPage: 0, maxCount: 1000, maxBytes: Number.POSITIVE_INFINITY };

function store(policy: Partial<CheckpointPolicy> = {}) {
  const codec = toyCodec();
  return { codec, cps: new CheckpointStore(codec, { ...POLICY, ...policy }) };
}

/** Step event by event to `end`, adding a checkpoint whenever one is due (as the owners do). */
function run(cps: CheckpointStore<Toy, PackedToy>, from: number, end: number, pagesAt: (at: number) => number = () => 1): void {
  for (let at = from; at <= end; at++) {
    const s = { pages: pagesAt(at), value: at };
    if (cps.due(at, s)) cps.add(at, s);
  }
}

const positions = (cps: CheckpointStore<Toy, PackedToy>) => cps.all.map((c) => c.at);

describe('spacing', () => {
  it('is due when empty, then every `every` events', () => {
    const { cps } = store();
    expect(cps.due(5, { pages: 1, value: 0 })).toBe(true);
    run(cps, 5, 40);
    expect(positions(cps)).toEqual([5, 15, 25, 35]);
    expect(cps.due(44, { pages: 1, value: 0 })).toBe(false);
    expect(cps.due(45, { pages: 1, value: 0 })).toBe(true);
  });

  it('grows with the state: at least eventsPerPage events per page of the state', () => {
    const { cps } = store({ eventsPerPage: 4 });
    // 1 page: every 10 events; from event 30 on, 8 pages: every 32 events.
    run(cps, 0, 130, (at) => (at < 30 ? 1 : 8));
    expect(positions(cps)).toEqual([0, 10, 20, 52, 84, 116]);
    expect(cps.due(147, { pages: 8, value: 0 })).toBe(false);
    expect(cps.due(148, { pages: 8, value: 0 })).toBe(true);
  });
});

describe('thinning', () => {
  it('over the count budget: keeps the first and every other one, and doubles the spacing', () => {
    const { cps } = store({ maxCount: 4 });
    run(cps, 0, 30);
    expect(positions(cps)).toEqual([0, 10, 20, 30]);
    run(cps, 31, 40);
    expect(positions(cps)).toEqual([0, 20, 40]);
    expect(cps.every).toBe(20);
    run(cps, 41, 80);
    expect(positions(cps)).toEqual([0, 40, 80]);
    expect(cps.every).toBe(40);
    run(cps, 81, 200);
    expect(positions(cps)).toEqual([0, 80, 160]);
    expect(cps.every).toBe(80);
  });

  it('over the byte budget, counting every checkpoint once', () => {
    const { cps } = store({ maxBytes: 1000 });
    // 2 pages = 200 bytes each: five fit, the sixth thins.
    run(cps, 0, 40, () => 2);
    expect(positions(cps)).toEqual([0, 10, 20, 30, 40]);
    expect(cps.bytes).toBe(1000);
    run(cps, 41, 50, () => 2);
    expect(positions(cps)).toEqual([0, 20, 40]);
    expect(cps.bytes).toBe(600);
    expect(cps.every).toBe(20);
    run(cps, 51, 60, () => 4);
    expect(positions(cps)).toEqual([0, 20, 40, 60]);
    expect(cps.bytes).toBe(1000);
    // A 700-byte state: once thinned, [0, 40, 80] still holds 1100 bytes; thinned again.
    run(cps, 61, 80, () => 7);
    expect(positions(cps)).toEqual([0, 80]);
    expect(cps.bytes).toBe(900);
    expect(cps.every).toBe(80);
  });

  it('over the page budget', () => {
    const { cps } = store({ maxPages: 12 });
    run(cps, 0, 20, () => 4);
    expect(positions(cps)).toEqual([0, 10, 20]);
    expect(cps.pages).toBe(12);
    run(cps, 21, 30, () => 4);
    expect(positions(cps)).toEqual([0, 20]);
    expect(cps.pages).toBe(8);
    expect(cps.every).toBe(20);
  });

  it('always keeps two, even when they alone are over budget', () => {
    const { cps } = store({ maxBytes: 50 });
    run(cps, 0, 30);
    expect(positions(cps)).toEqual([0, 20]);
    expect(cps.bytes).toBe(200);
  });

  it('any run of adds and forks stays within budget, in order, with exact totals', () => {
    const op = fc.oneof(
      fc.record({ type: fc.constant('run' as const), events: fc.integer({ min: 1, max: 300 }), pages: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ type: fc.constant('fork' as const), back: fc.integer({ min: 0, max: 400 }) }),
    );
    const budget = fc.record({
      maxCount: fc.integer({ min: 2, max: 12 }),
      maxBytes: fc.integer({ min: 100, max: 5000 }),
      maxPages: fc.integer({ min: 1, max: 60 }),
      eventsPerPage: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(budget, fc.array(op, { minLength: 1, maxLength: 30 }), (policy, ops) => {
        const { cps } = store(policy);
        let at = 0;
        run(cps, 0, 0);
        for (const o of ops) {
          if (o.type === 'run') {
            run(cps, at + 1, at + o.events, () => o.pages);
            at += o.events;
          } else {
            at = Math.max(0, at - o.back);
            cps.truncate(at);
          }
          const all = cps.all;
          expect(all[0]!.at).toBe(0); // the first one is never thinned, nor cut
          for (let k = 1; k < all.length; k++) expect(all[k]!.at).toBeGreaterThan(all[k - 1]!.at);
          expect(cps.bytes).toBe(all.reduce((b, c) => b + c.bytes, 0));
          expect(cps.pages).toBe(all.reduce((b, c) => b + c.pages, 0));
          if (all.length > 2) {
            expect(all.length).toBeLessThanOrEqual(policy.maxCount);
            expect(cps.bytes).toBeLessThanOrEqual(policy.maxBytes);
            expect(cps.pages).toBeLessThanOrEqual(policy.maxPages);
          }
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('lookup', () => {
  it('finds the latest checkpoint at or before k (the first when all are after)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -5, max: 510 }),
        (xs, k) => {
          const { cps } = store({ every: 1 });
          const sorted = [...xs].sort((a, b) => a - b);
          for (const at of sorted) cps.add(at, { pages: 1, value: at });
          const want = sorted.filter((x) => x <= k).at(-1) ?? sorted[0]!;
          expect(cps.atOrBefore(k).at).toBe(want);
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('unpacks a fresh copy of the state checkpointed, unaffected by later changes', () => {
    const { cps } = store();
    const s = { pages: 3, value: 42 };
    cps.add(7, s);
    s.value = 0;
    const a = cps.unpack(cps.atOrBefore(100));
    expect(a).toEqual({ pages: 3, value: 42 });
    a.value = 1;
    expect(cps.unpack(cps.atOrBefore(7))).toEqual({ pages: 3, value: 42 });
  });

  it('refuses an empty store, and ignores (without packing) a checkpoint not after the last', () => {
    const { cps, codec } = store();
    expect(() => cps.atOrBefore(0)).toThrow(/empty/);
    cps.add(10, { pages: 1, value: 1 });
    cps.add(10, { pages: 1, value: 2 });
    cps.add(4, { pages: 1, value: 3 });
    expect(codec.packs).toBe(1);
    expect(cps.all.map((c) => c.packed.value)).toEqual([1]);
  });
});

describe('truncation', () => {
  it('drops the checkpoints past the cut, keeps the one at it, and spaces new ones from the new last', () => {
    const { cps } = store();
    run(cps, 0, 60, () => 2);
    expect(positions(cps)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    cps.truncate(30);
    expect(positions(cps)).toEqual([0, 10, 20, 30]);
    expect(cps.bytes).toBe(4 * 200);
    expect(cps.pages).toBe(4 * 2);
    cps.truncate(29);
    expect(positions(cps)).toEqual([0, 10, 20]);
    expect(cps.atOrBefore(29).at).toBe(20);
    run(cps, 25, 45, () => 2);
    expect(positions(cps)).toEqual([0, 10, 20, 30, 40]);
    cps.truncate(-1);
    expect(cps.count).toBe(0);
    expect(cps.bytes).toBe(0);
  });
});

describe('policyOf', () => {
  it("applies an owner's caller options over its defaults; no page budget unless one is given", () => {
    const defaults: CheckpointPolicy = { every: 2048, eventsPerPage: 4, maxCount: 48, maxBytes: 1000 };
    expect(policyOf(defaults, {})).toEqual({ ...defaults, maxPages: Number.POSITIVE_INFINITY });
    expect(policyOf({ ...defaults, maxPages: 9 }, {})).toMatchObject({ maxPages: 9 });
    const opts = { checkpointEvery: 8, maxCheckpoints: 4, maxCheckpointBytes: 500, maxCheckpointPages: 60 };
    expect(policyOf(defaults, opts)).toEqual({ every: 8, eventsPerPage: 4, maxCount: 4, maxBytes: 500, maxPages: 60 });
  });
});
