/**
 * Runs dependency-cruiser (the same CLI and config as `npm run lint:deps`) and returns its JSON
 * result, for the architecture graph (archGraph.ts) and the layer-rule probes (layers.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ICruiseResult } from 'dependency-cruiser';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE_CONFIG = fileURLToPath(new URL('../.dependency-cruiser.js', import.meta.url));
const BIN = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));

/** Cruises `targets` (folders relative to `cwd`) with the project's rules; paths in the result are relative to `cwd`. */
export function cruise(targets: readonly string[], cwd = REPO_ROOT): ICruiseResult {
  const run = spawnSync(process.execPath, [BIN, ...targets, '--config', DEPCRUISE_CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (!run.stdout.startsWith('{')) throw new Error(`dependency-cruiser failed (exit ${run.status ?? '?'}): ${run.stderr}`);
  return JSON.parse(run.stdout) as ICruiseResult;
}
