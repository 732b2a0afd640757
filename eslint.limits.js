/**
 * Size limits: a source file stays under 300 lines and a function under 80 (blank lines and
 * comments not counted), so each reads on a screen or two. Tests are exempt: a test file is a list
 * of cases. Kept apart from eslint.config.js so `scripts/limits.test.ts` can run exactly these
 * rules on probe files.
 */

/** The only functions allowed past 80 lines, each a switch with one short case per event type. */
export const LIMIT_EXCEPTIONS = [
  { file: 'src/trace/foldApply.ts', fn: 'applyEvent', why: 'the reducer: one case per event type' },
  { file: 'src/trace/narrate.ts', fn: 'narrateText', why: 'the narration switch: one sentence per event type' },
];

export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;

/** @type {import('eslint').Linter.Config[]} */
export const limitRules = [
  {
    files: ['**/*.{ts,tsx,js}'],
    ignores: ['**/*.test.{ts,tsx}', 'e2e/**'],
    rules: {
      'max-lines': ['error', { max: MAX_FILE_LINES }],
      // The exceptions say so where they stand: `eslint-disable-next-line max-lines-per-function -- <why>`.
      'max-lines-per-function': ['error', { max: MAX_FUNCTION_LINES, skipBlankLines: true, skipComments: true }],
    },
  },
];
