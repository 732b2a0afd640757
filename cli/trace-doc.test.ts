/**
 * docs/TRACE.md stays in sync with src/sim/events.ts: every event type in the union has a
 * section, and every field that real runs emit is documented in it (and nothing else is).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Simulation, type SimEvent } from '../src/sim/index.ts';
import { makeConfig, script, workload } from '../src/sim/testkit.ts';

const ROOT = join(import.meta.dirname, '..');
const doc = readFileSync(join(ROOT, 'docs/TRACE.md'), 'utf8');
const source = readFileSync(join(ROOT, 'src/sim/events.ts'), 'utf8');
const COMMON = ['type', 'fn', 'i', 'tNs', 'actor'];

/** Section per event type: the field names in its table. */
function documented(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const section of doc.split(/^### /m).slice(1)) {
    const heading = section.split('\n')[0]!;
    const types = [...heading.matchAll(/`([a-z]+\.[a-z.]+)`/g)].map((m) => m[1]!);
    const fields = new Set([...section.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]!));
    for (const t of types) out.set(t, fields);
  }
  return out;
}

/** Runs that between them emit every event type. */
function sampleEvents(): SimEvent[] {
  const events: SimEvent[] = [];
  const configs = [
    makeConfig({
      vcpus: [0, 1, 2].map((k) => workload(12, 12 * k, { gapNs: 400 })),
      script: script(
        [50_000, { type: 'pause-vcpu', vcpu: 2 }],
        [100_000, { type: 'memslot-delete' }],
        [300_000, { type: 'shrink', calls: 2 }],
        [700_000, { type: 'set-workload', vcpu: 0, workload: workload(4, 60) }],
        [900_000, { type: 'resume-vcpu', vcpu: 2 }],
        [1_100_000, { type: 'bump-generation' }],
      ),
    }),
    makeConfig({ strategy: 'zap-all', prepopulate: false, script: script([300_000, { type: 'memslot-delete' }]) }),
  ];
  for (const cfg of configs) Simulation.create(cfg, (e) => events.push(e)).runToEnd();
  return events;
}

describe('docs/TRACE.md', () => {
  const sections = documented();

  it('documents every event type of the union, and no other', () => {
    const union = [...source.matchAll(/Base<'([a-z.]+)'>/g)].map((m) => m[1]!);
    expect(union.length).toBeGreaterThan(20);
    expect([...sections.keys()].sort()).toEqual([...new Set(union)].sort());
  });

  it('documents exactly the fields each event type carries', () => {
    const seen = new Map<string, Set<string>>();
    for (const e of sampleEvents()) {
      const keys = seen.get(e.type) ?? new Set<string>();
      for (const k of Object.keys(e)) if (!COMMON.includes(k)) keys.add(k);
      seen.set(e.type, keys);
    }
    expect([...seen.keys()].sort()).toEqual([...sections.keys()].sort()); // the sample covers them all
    for (const [type, keys] of seen) expect([...(sections.get(type) ?? [])].sort(), type).toEqual([...keys].sort());
  });

  it('documents the common fields, the actors and the line format', () => {
    for (const f of COMMON) expect(doc).toContain(`| \`${f}\` |`);
    for (const a of ['`vcpu<n>`', '`zapper`', '`shrinker`', '`setup`']) expect(doc).toContain(a);
    expect(doc).toMatch(/JSON Lines/);
  });
});
