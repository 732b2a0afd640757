/**
 * The layer rules bite: a throw-away tree of probe files, each breaking one rule, is checked with
 * the project's own dependency-cruiser config and ESLint layer rules, and each probe must be
 * reported under that rule's name (and nothing else may be reported).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, cruise } from './depcruise.ts';

/** Legal modules the probes point at: a miniature of the real tree. */
const STUBS: Record<string, string> = {
  'src/sim/index.ts': "export * from './engine.ts';\n",
  'src/sim/engine.ts': 'export const engine = 1;\n',
  'src/sim/public.ts': 'export type Data = number;\nexport const DATA = 1;\n',
  'src/scenario/schema.ts': 'export const schema = 1;\n',
  'src/trace/frame.ts': 'export const frame = 1;\n',
  'src/worker/host.ts': 'export const host = 1;\n',
  'src/client/client.ts': "import { host } from '../worker/host.ts';\nexport const client = host;\n",
  'src/state/store.ts':
    "import { client } from '../client/client.ts';\nimport type { Data } from '../sim/public.ts';\nexport const store: Data = client;\n",
  'src/ui/App.tsx':
    "import { store } from '../state/store.ts';\nimport { DATA } from '../sim/public.ts';\nexport const App = store + DATA;\n",
  'src/viz/layout.ts':
    "import { frame } from '../trace/frame.ts';\nimport { DATA } from '../sim/public.ts';\nexport const layout = frame + DATA;\n",
};

interface Probe {
  readonly file: string;
  readonly source: string;
  readonly rule: string;
}

/** Import-graph probes (dependency-cruiser). */
const IMPORT_PROBES: readonly Probe[] = [
  {
    file: 'src/ui/bareSim.ts',
    source: "import { engine } from '../sim';\nexport const x = engine;\n",
    rule: 'core-only-through-sim-public',
  },
  {
    file: 'src/ui/simIndexType.ts',
    source: "import type { engine } from '../sim/index.ts';\nexport type X = typeof engine;\n",
    rule: 'core-only-through-sim-public',
  },
  {
    file: 'src/scenario/engine.ts',
    source: "import { engine } from '../sim/engine.ts';\nexport const x = engine;\n",
    rule: 'core-only-through-sim-public',
  },
  { file: 'src/viz/react.ts', source: "import { useState } from 'react';\nexport const x = useState;\n", rule: 'viz-no-react-state-ui' },
  {
    file: 'src/viz/state.ts',
    source: "import { store } from '../state/store.ts';\nexport const x = store;\n",
    rule: 'viz-no-react-state-ui',
  },
  { file: 'src/state/ui.ts', source: "import { App } from '../ui/App.tsx';\nexport const x = App;\n", rule: 'state-no-ui' },
  {
    file: 'src/ui/worker.ts',
    source: "import { host } from '../worker/host.ts';\nexport const x = host;\n",
    rule: 'only-client-knows-worker',
  },
  {
    file: 'src/ui/client.ts',
    source: "import { client } from '../client/client.ts';\nexport const x = client;\n",
    rule: 'ui-through-state',
  },
  {
    file: 'src/sim/scenario.ts',
    source: "import { schema } from '../scenario/schema.ts';\nexport const x = schema;\n",
    rule: 'sim-imports-no-layer',
  },
  {
    file: 'src/sim/node.ts',
    source: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    rule: 'sim-imports-no-package',
  },
  {
    file: 'src/trace/scenario.ts',
    source: "import { schema } from '../scenario/schema.ts';\nexport const x = schema;\n",
    rule: 'trace-imports-only-sim',
  },
  {
    file: 'src/scenario/trace.ts',
    source: "import { frame } from '../trace/frame.ts';\nexport const x = frame;\n",
    rule: 'scenario-imports-only-sim',
  },
  {
    file: 'src/protocol/runtime.ts',
    source: "import { DATA } from '../sim/public.ts';\nexport const x = DATA;\n",
    rule: 'protocol-imports-only-types',
  },
  {
    file: 'src/protocol/client.ts',
    source: "import type { client } from '../client/client.ts';\nexport type X = typeof client;\n",
    rule: 'protocol-imports-no-upper-layer',
  },
  {
    file: 'src/ui/protocolRuntime.ts',
    source: "import { x } from '../protocol/runtime.ts';\nexport const y = x;\n",
    rule: 'ui-protocol-types-only',
  },
  {
    file: 'src/ui/unresolved.ts',
    source: "import { nothing } from '../sim/nothing';\nexport const x = nothing;\n",
    rule: 'not-to-unresolvable',
  },
];

/** Code probes (ESLint layer rules). */
const CODE_PROBES: readonly Probe[] = [
  {
    file: 'src/state/newWorker.ts',
    source: "export const w = new Worker(new URL('../worker/worker.ts', import.meta.url));\n",
    rule: 'only-client-creates-workers',
  },
  {
    file: 'src/ui/post.ts',
    source: "export function send(w: Worker): void {\n  w.postMessage('hi');\n}\n",
    rule: 'only-client-creates-workers',
  },
  { file: 'src/sim/random.ts', source: 'export const r = Math.random();\n', rule: 'sim-is-deterministic' },
  { file: 'src/sim/date.ts', source: 'export const t = Date.now();\n', rule: 'sim-is-deterministic' },
];

let root = '';

function write(file: string, source: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), source);
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fastzap-layers-'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'junction');
  for (const [file, source] of Object.entries(STUBS)) write(file, source);
  for (const probe of [...IMPORT_PROBES, ...CODE_PROBES]) write(probe.file, probe.source);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('dependency-cruiser layer rules', () => {
  let found: readonly { readonly from: string; readonly rule: string }[] = [];
  beforeAll(() => {
    found = cruise(['src'], root).summary.violations.map((v) => ({ from: v.from, rule: v.rule.name }));
  });

  it.each(IMPORT_PROBES)('$file is reported as $rule', ({ file, rule }) => {
    expect(found.filter((v) => v.from === file).map((v) => v.rule)).toEqual([rule]);
  });

  it('reports nothing in the legal modules', () => {
    expect(found.filter((v) => v.from in STUBS)).toEqual([]);
  });
});

describe('ESLint layer rules', () => {
  let eslint: ESLint;
  beforeAll(async () => {
    const url = pathToFileURL(join(REPO_ROOT, 'eslint.layers.js')).href;
    const { layerRules } = (await import(url)) as { layerRules: Linter.Config[] };
    eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } }, ...layerRules],
    });
  });

  async function rulesIn(file: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath: join(root, file) });
    return (result?.messages ?? []).map((m) => /\[([a-z-]+)\]/.exec(m.message)?.[1] ?? `${m.ruleId ?? 'fatal'}: ${m.message}`);
  }

  it.each(CODE_PROBES)('$file is reported as $rule', async ({ file, source, rule }) => {
    expect(await rulesIn(file, source)).toEqual([rule]);
  });

  it('lets src/client start the Worker', async () => {
    expect(await rulesIn('src/client/transport.ts', CODE_PROBES[0]?.source ?? '')).toEqual([]);
  });
});
