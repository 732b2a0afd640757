/** docs/ARCHITECTURE.md's import graph and rule table are the code's, not a drawing. */
import { describe, expect, it } from 'vitest';
import { committedBlock, generatedBlock } from './archGraph.ts';

describe('docs/ARCHITECTURE.md', () => {
  it('draws the imports and rules as they are', () => {
    const committed = committedBlock();
    expect(committed, 'docs/ARCHITECTURE.md has no import-graph block').not.toBe('');
    expect(committed, 'docs/ARCHITECTURE.md differs from the imports: regenerate it with `npm run docs:graph`').toBe(generatedBlock());
  });
});
