import { describe, expect, it } from 'vitest';
import { SimClient } from '../client/client.ts';
import { InProcessTransport } from '../client/inProcess.ts';
import { MAIN_SIM } from '../protocol/messages.ts';
import { PRESETS, validateScenario } from '../scenario/index.ts';
import { share } from './share.ts';

describe('share', () => {
  it('keeps what is deep-equal, replaces what changed, matches id arrays by id', () => {
    const prev = {
      a: 1,
      list: [
        { id: 1, x: [1, 2] },
        { id: 2, x: [3] },
      ],
      bytes: new Uint8Array([1, 2, 3]),
      n: null,
      u: { k: 'v' },
    };
    const next = structuredClone(prev);
    expect(share(prev, next)).toBe(prev);
    const moved = {
      ...structuredClone(prev),
      list: [
        { id: 0, x: [] },
        { id: 1, x: [1, 2] },
        { id: 2, x: [4] },
      ],
      bytes: new Uint8Array([1, 2, 4]),
    };
    const s = share(prev, moved);
    expect(s).not.toBe(prev);
    expect(s).toEqual(moved);
    expect(s.list[1]).toBe(prev.list[0]); // same id, equal: the old object, at its new place
    expect(s.list[2]).not.toBe(prev.list[1]);
    expect(s.u).toBe(prev.u);
    expect(s.bytes).toBe(moved.bytes);
    expect(share(null, moved)).toBe(moved);
    expect(share({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
  });

  it('on real frames: a step that changes no page keeps the pages array and every page object', async () => {
    const v = validateScenario(PRESETS.find((p) => p.name === 'classroom')!.scenario);
    if (!v.ok) throw new Error('preset');
    const client = new SimClient(new InProcessTransport());
    await client.load(MAIN_SIM, v.value, { target: { type: 'cursor', cursor: 1200 } });
    let kept = 0;
    let changed = 0;
    let prev = (await client.frame(MAIN_SIM, { type: 'cursor', cursor: 1000 })).frame;
    for (let c = 1001; c < 1100; c++) {
      const next = (await client.frame(MAIN_SIM, { type: 'cursor', cursor: c })).frame;
      const s = share(prev, next);
      expect(s).toEqual(next);
      if (s.pages === prev.pages) kept++;
      else {
        changed++;
        // Unchanged pages keep their objects even when others change.
        const old = new Map(prev.pages!.map((p) => [p.id, p]));
        for (const p of s.pages!) if (JSON.stringify(old.get(p.id)) === JSON.stringify(p)) expect(p).toBe(old.get(p.id));
      }
      prev = s;
    }
    expect(kept).toBeGreaterThan(30);
    expect(changed).toBeGreaterThan(0);
    client.close();
  });
});
