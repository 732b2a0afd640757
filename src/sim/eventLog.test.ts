/** The compact event log (eventLog.ts): what goes in comes out, byte for byte, and it is small. */
import { describe, expect, it } from 'vitest';
import { EventLog } from './eventLog.ts';
import type { SimEvent } from './events.ts';
import { logHash, makeConfig, runLog, script, workload } from './testkit.ts';

/** A run with every kind of event value: arrays, nulls, booleans, a workload object, big numbers. */
function richLog(): SimEvent[] {
  return runLog(
    makeConfig({
      vcpus: [workload(8, 0), workload(8, 8), workload(8, 16)],
      durationNs: 3_000_000,
      script: script(
        [50_000, { type: 'pause-vcpu', vcpu: 2 }],
        [100_000, { type: 'bump-generation' }],
        [200_000, { type: 'set-workload', vcpu: 0, workload: workload(4, 0, { pattern: 'sequential' }) }],
        [300_000, { type: 'memslot-delete' }],
        [320_000, { type: 'shrink', calls: 3 }],
        [900_000, { type: 'resume-vcpu', vcpu: 2 }],
      ),
    }),
  );
}

function fill(events: readonly SimEvent[]): EventLog {
  const log = new EventLog();
  for (const e of events) log.push(e);
  return log;
}

describe('EventLog', () => {
  const events = richLog();
  const types = new Set(events.map((e) => e.type));

  it('gives back every event equal to the one pushed, keys in the same order (same JSON, same hash)', () => {
    expect(types).toContain('workload.changed');
    expect(types).toContain('page.prepared');
    const log = fill(events);
    expect(log.length).toBe(events.length);
    expect(log.slice()).toEqual(events);
    expect(JSON.stringify(log.slice())).toBe(JSON.stringify(events));
    expect(logHash([...log])).toBe(logHash(events));
    for (const i of [0, 1, events.length >> 1, events.length - 1]) {
      expect(log.at(i)).toEqual(events[i]);
      expect(log.typeAt(i)).toBe(events[i]!.type);
      expect(log.tNsAt(i)).toBe(events[i]!.tNs);
      expect(log.actorAt(i)).toBe(events[i]!.actor);
    }
    expect(log.at(-1)).toEqual(events[events.length - 1]);
    expect(log.at(events.length)).toBeUndefined();
    expect(() => log.typeAt(events.length)).toThrow(RangeError);
    // Decoded events are fresh objects: changing one changes nothing stored.
    const a = log.at(3)! as unknown as Record<string, unknown>;
    a['tNs'] = -1;
    expect(log.at(3)).toEqual(events[3]);
  });

  it('stores any value: floats, big integers, -0, null, undefined, booleans, int arrays, objects by reference', () => {
    const log = new EventLog();
    const odd = [
      { type: 'lock.released', fn: 'spin_unlock', heldNs: 2 ** 40 + 0.5, i: 0, tNs: 5e9, actor: 'zapper' },
      { type: 'lock.released', fn: 'spin_unlock', heldNs: -0, i: 1, tNs: 5e9, actor: 'zapper' },
      { type: 'reload.requested', fn: 'kvm_reload_remote_mmus', vcpus: [0, 1, 2], kicked: [], page: null, i: 2, tNs: 6e9, actor: 'zapper' },
      {
        type: 'reload.requested',
        fn: 'kvm_reload_remote_mmus',
        vcpus: [0.5],
        kicked: [1],
        page: 7,
        extra: undefined,
        i: 3,
        tNs: 6e9,
        actor: 'zapper',
      },
      { type: 'workload.changed', fn: 'vcpu_enter_guest', vcpu: 1, workload: workload(2), flag: true, i: 4, tNs: 7e9, actor: 'vcpu1' },
    ] as unknown as SimEvent[];
    for (const e of odd) log.push(e);
    for (let i = 0; i < odd.length; i++) expect(log.at(i)).toStrictEqual(odd[i]);
    expect(Object.is((log.at(1) as { heldNs: number }).heldNs, -0)).toBe(true);
    expect(Object.keys(log.at(3)!)).toEqual(Object.keys(odd[3]!));
    expect((log.at(4) as { workload: unknown }).workload).toBe((odd[4] as { workload: unknown }).workload);
  });

  it('truncates (across chunks) and grows again to the same log', () => {
    const many: SimEvent[] = [];
    while (many.length < 40_000) many.push(...events.slice(0, 40_000 - many.length).map((e, k) => ({ ...e, i: many.length + k })));
    const log = fill(many);
    expect(log.length).toBe(40_000);
    for (const n of [39_999, 32_768, 20_001, 16_384, 5, 0]) {
      log.truncate(n);
      expect(log.length).toBe(n);
      expect(log.at(n)).toBeUndefined();
      if (n > 0) expect(log.at(n - 1)).toEqual(many[n - 1]);
      for (let i = n; i < Math.min(n + 20_000, many.length); i++) log.push(many[i]!);
      expect(log.slice(Math.max(0, n - 3), n + 3)).toEqual(many.slice(Math.max(0, n - 3), n + 3));
      log.truncate(n);
      for (let i = n; i < many.length; i++) log.push(many[i]!);
    }
    expect(JSON.stringify(log.slice())).toBe(JSON.stringify(many));
  });

  it('refuses an event pushed out of order', () => {
    const log = new EventLog();
    expect(() => log.push({ ...events[1]! })).toThrow(/pushed at index 0/);
  });

  it('takes a fraction of the objects memory: under 40 bytes per event', () => {
    const log = new EventLog();
    while (log.length < 50_000) for (const e of events.slice(0, 50_000 - log.length)) log.push({ ...e, i: log.length });
    expect(log.byteLength / log.length).toBeLessThan(40);
  });
});
