import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noImport = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'coverage', 'reports', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  // Layer boundaries (docs/ARCHITECTURE.md).
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-imports': noImport(['../scenario/*', '../protocol/*', '../worker/*', '../client/*', '../state/*', '../viz/*', '../ui/*', '../trace/*', 'react', 'zustand', 'd3-*', 'node:*'], 'sim/ is the core: it imports nothing of the other layers'),
      'no-restricted-globals': ['error', 'window', 'document', 'performance', 'setTimeout', 'setInterval', 'Date'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'use the seeded PRNG (rng.ts)' }],
    },
  },
  {
    files: ['src/scenario/**/*.ts', 'src/protocol/**/*.ts', 'src/trace/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': noImport(['../worker/*', '../client/*', '../state/*', '../viz/*', '../ui/*', 'react', 'zustand', 'node:*'], 'pure layers import only sim/ and each other'),
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/state/**/*.ts', 'src/viz/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../sim/*', '../../sim/*', '../worker/*', '../../worker/*'], allowTypeImports: true, message: 'the UI reaches the core only through client/ (type imports are fine)' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
