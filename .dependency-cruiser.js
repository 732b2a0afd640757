/**
 * Layer rules (docs/ARCHITECTURE.md), checked on the real import graph by dependency-cruiser:
 * `npm run lint:deps` (part of `npm run check`). Every import counts: bare folders (`'../sim'`),
 * `index` files, re-exports and type-only imports alike. Test files (`*.test.ts(x)`) wire layers
 * together and are left out; `scripts/layers.test.ts` proves each rule reports a probe that breaks it.
 * What dependency-cruiser cannot see (`new Worker`, `postMessage`, Math.random in the core) is
 * checked by ESLint (`eslint.layers.js`).
 */

/** The page's layers: they reach the core only through its public data module. */
const PAGE_SIDE = '^src/(scenario|protocol|client|state|viz|ui)/|^src/main\\.tsx$';
const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'sim-imports-no-layer',
      comment: 'src/sim is the core: it imports nothing of the other layers.',
      severity: 'error',
      from: { path: '^src/sim/' },
      to: { path: '^(src|cli|e2e|scripts)/', pathNot: '^src/sim/' },
    },
    {
      name: 'sim-imports-no-package',
      comment: 'src/sim is plain TypeScript: no packages, no Node built-ins.',
      severity: 'error',
      from: { path: '^src/sim/' },
      to: { dependencyTypes: [...NPM, 'core'] },
    },
    {
      name: 'core-is-platform-free',
      comment: 'scenario, trace and protocol run in the page, the worker and Node alike: no Node built-ins.',
      severity: 'error',
      from: { path: '^src/(scenario|trace|protocol)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'scenario-imports-only-sim',
      comment: 'src/scenario (schema, presets, links, files) imports only the core.',
      severity: 'error',
      from: { path: '^src/scenario/' },
      to: { path: '^(src|cli|e2e|scripts)/', pathNot: '^src/(scenario|sim)/' },
    },
    {
      name: 'trace-imports-only-sim',
      comment: 'src/trace (fold, frames, narration) imports only the core.',
      severity: 'error',
      from: { path: '^src/trace/' },
      to: { path: '^(src|cli|e2e|scripts)/', pathNot: '^src/(trace|sim)/' },
    },
    {
      name: 'protocol-imports-only-types',
      comment: 'src/protocol is the contract between threads: it imports the core, scenario and trace for types only.',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: { path: '^(src|cli|e2e|scripts)/', pathNot: '^src/protocol/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'protocol-imports-no-upper-layer',
      comment: 'src/protocol knows nothing of the worker, the client or the page.',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: { path: '^(src/(worker|client|state|viz|ui)/|src/main\\.tsx$|cli/|e2e/|scripts/)' },
    },
    {
      name: 'core-only-through-sim-public',
      comment: 'The page reaches the core only through src/sim/public.ts (data and types), so the engine stays out of its main chunk.',
      severity: 'error',
      from: { path: PAGE_SIDE },
      to: { path: '^src/sim/', pathNot: '^src/sim/public\\.ts$' },
    },
    {
      name: 'only-client-knows-worker',
      comment: 'Only src/client (and the Node-side cli/) knows src/worker.',
      severity: 'error',
      from: { pathNot: '^(src/(client|worker)/|cli/)' },
      to: { path: '^src/worker/' },
    },
    {
      name: 'viz-no-react-state-ui',
      comment: 'src/viz is D3 maths and vanilla behaviours: no React, zustand, state, ui, client or worker.',
      severity: 'error',
      from: { path: '^src/viz/' },
      to: { path: ['^(src/(state|ui|client|worker)/|src/main\\.tsx$)', '(^|/)node_modules/(react|react-dom|zustand|scheduler)/'] },
    },
    {
      name: 'state-no-ui',
      comment: 'src/state is the store: it imports no ui.',
      severity: 'error',
      from: { path: '^src/state/' },
      to: { path: '^(src/ui/|src/main\\.tsx$)' },
    },
    {
      name: 'ui-through-state',
      comment: 'src/ui reaches the simulation only through src/state, never the client.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/client/' },
    },
    {
      name: 'ui-protocol-types-only',
      comment: "src/ui may name the protocol's types (Landmark) but runs none of it.",
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/protocol/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve would walk around every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-circular',
      comment:
        "Modules form no runtime cycle (a cycle of type-only imports, e.g. events.ts ↔ strategy.ts naming each other's unions, is erased at compile time).",
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    moduleSystems: ['es6'],
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.json'],
      conditionNames: ['import', 'types', 'default'],
      mainFields: ['module', 'types', 'main'],
    },
  },
};
