/**
 * Layer rules that live in the code rather than in the import graph (those are in
 * `.dependency-cruiser.js`): the core is deterministic, and only src/client starts a Worker or
 * posts to one. Kept apart from eslint.config.js so `scripts/layers.test.ts` can run exactly these
 * rules on probe files.
 */

/** Each message starts with the rule's name, so tests and readers match names, not prose. */
const syntax = (name, text, ...selectors) => selectors.map((selector) => ({ selector, message: `[${name}] ${text}` }));

/** @type {import('eslint').Linter.Config[]} */
export const layerRules = [
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'performance', 'setTimeout', 'setInterval', 'Date'].map((name) => ({
          name,
          message: `[sim-is-deterministic] the core uses simulated time (tNs), not ${name}`,
        })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: '[sim-is-deterministic] use the seeded PRNG (rng.ts)' },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: ['src/client/**', 'src/worker/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...syntax(
          'only-client-creates-workers',
          'only src/client starts a Worker or posts to one (docs/ARCHITECTURE.md)',
          'NewExpression[callee.name=/^(Shared)?Worker$/]',
          'CallExpression[callee.property.name="postMessage"]',
        ),
      ],
    },
  },
];
