/**
 * `npm run golden`: the event-log hash of every preset under every strategy, against the pinned
 * values in cli/golden.json. A refactor must leave them equal; a deliberate change of a model rule
 * rewrites them (`npm run golden -- --write`) and says why in its commit and in docs/MODEL.md.
 * The unit test (golden.test.ts) checks the runs below GOLDEN_TEST_MAX_EVENTS; this checks all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { STRATEGY_NAMES } from '../src/sim/index.ts';
import { PRESETS, toConfig, validateScenario } from '../src/scenario/index.ts';
import { runOnce } from './run.ts';

export interface GoldenEntry {
  readonly preset: string;
  /** `default`: the preset's own strategy. */
  readonly strategy: string;
  readonly events: number;
  readonly sha256: string;
}

export const GOLDEN_PATH = new URL('./golden.json', import.meta.url);
/** Runs longer than this are checked by `npm run golden`, not by the unit test. */
export const GOLDEN_TEST_MAX_EVENTS = 600_000;

export function readGolden(): GoldenEntry[] {
  return JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as GoldenEntry[];
}

/** One preset under one strategy (`default`: as the preset says). */
export async function goldenRun(preset: string, strategy: string): Promise<GoldenEntry> {
  const p = PRESETS.find((x) => x.name === preset);
  if (!p) throw new Error(`unknown preset ${preset}`);
  const input = structuredClone(p.scenario);
  const r = validateScenario(strategy === 'default' ? input : { ...input, strategy: { ...(input.strategy ?? {}), name: strategy } });
  if (!r.ok) throw new Error(r.error.message);
  const out = await runOnce(toConfig(r.value), { check: false, tracePath: null, stopWhenSettled: false });
  return { preset, strategy, events: out.summary.events, sha256: out.eventLogSha256 };
}

/** Every (preset, strategy) pair that is pinned: all strategies, but only the default for large-guest. */
export function goldenCases(): { preset: string; strategy: string }[] {
  const out: { preset: string; strategy: string }[] = [];
  for (const p of PRESETS) {
    out.push({ preset: p.name, strategy: 'default' });
    if (p.name === 'large-guest') continue;
    for (const s of STRATEGY_NAMES) out.push({ preset: p.name, strategy: s });
  }
  return out;
}

async function main(): Promise<void> {
  const write = process.argv.includes('--write');
  const pinned = write ? [] : readGolden();
  const fresh: GoldenEntry[] = [];
  let bad = 0;
  for (const c of goldenCases()) {
    const g = await goldenRun(c.preset, c.strategy);
    fresh.push(g);
    const old = pinned.find((x) => x.preset === c.preset && x.strategy === c.strategy);
    const same = old !== undefined && old.sha256 === g.sha256 && old.events === g.events;
    if (!write && !same) bad++;
    console.log(`${write ? 'wrote' : same ? 'same ' : 'DIFF '} ${c.preset} ${c.strategy} ${g.events} ${g.sha256}`);
  }
  if (write) writeFileSync(GOLDEN_PATH, JSON.stringify(fresh, null, 2) + '\n');
  else if (bad > 0) {
    console.log(`${bad} event-log hash(es) differ from cli/golden.json`);
    process.exitCode = 1;
  }
}

if (process.argv[1] === import.meta.filename) await main();
