/**
 * After `vite build`: the engine is not in the page's main chunk. Reads the build manifest, takes
 * the entry chunk and every chunk it imports statically, and reads their source maps' `sources`.
 * Of the core only its pure data may be there (the public module, constants, the strategy table,
 * the types and event names, the actor codec); no worker module at all (the worker is its own bundle).
 * Run by `npm run test:e2e` after the build; exits 1 naming each module that should not be there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Modules of src/sim the page may carry: data and types only. */
export const CORE_DATA_MODULES: ReadonlySet<string> = new Set([
  'src/sim/public.ts',
  'src/sim/constants.ts',
  'src/sim/strategy.ts',
  'src/sim/types.ts',
  'src/sim/events.ts',
  // The actor codec (vCPU n, zapper, shrinker, setup): names, no engine.
  'src/sim/actors.ts',
]);

/** The modules (repo-relative) in `sources` that the main chunk must not hold. */
export function engineModulesIn(sources: readonly string[]): string[] {
  return sources.filter((s) => s.startsWith('src/worker/') || (s.startsWith('src/sim/') && !CORE_DATA_MODULES.has(s)));
}

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
}

/** The entry chunk's file and the files of every chunk it imports statically, transitively. */
export function mainChunkFiles(manifest: Readonly<Record<string, ManifestChunk>>): string[] {
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry chunk in the manifest, found ${entries.length}`);
  const seen = new Set<string>();
  const files: string[] = [];
  const visit = (key: string): void => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    files.push(chunk.file);
    for (const next of chunk.imports ?? []) visit(next);
  };
  for (const key of entries) visit(key);
  return files;
}

/** Repo-relative source paths of a built file, from its source map. */
function sourcesOf(dist: string, root: string, file: string): string[] {
  const mapPath = join(dist, `${file}.map`);
  if (!existsSync(mapPath)) throw new Error(`${mapPath} is missing: the check needs build.sourcemap`);
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { sources: string[]; sourceRoot?: string };
  const base = resolve(dirname(mapPath), map.sourceRoot ?? '');
  return map.sources.map((s) => relative(root, resolve(base, s)).split('\\').join('/'));
}

function main(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const dist = join(root, 'dist');
  const manifestPath = join(dist, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run vite build first (build.manifest is on)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const files = mainChunkFiles(manifest);
  const sources = files.flatMap((file) => sourcesOf(dist, root, file));
  const ours = sources.filter((s) => s.startsWith('src/'));
  const bad = engineModulesIn(sources);
  if (bad.length > 0) {
    console.error(`bundle check FAILED: the main chunk (${files.join(', ')}) holds engine modules:\n  ${bad.join('\n  ')}`);
    console.error('The page reaches the core only through src/sim/public.ts (docs/ARCHITECTURE.md).');
    process.exit(1);
  }
  const core = ours.filter((s) => s.startsWith('src/sim/'));
  console.log(
    `bundle check: main chunk ${files.join(', ')} holds ${ours.length} modules of src/; of the core only ${core.join(', ') || 'nothing'}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
