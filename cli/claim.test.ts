/**
 * README.md's claim table is generated, not pasted: a fresh run of every row (about 10 s) must
 * give the table README.md holds. After a deliberate change: `npm run claim -- --write`.
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_SECTION, claimTable } from './claim.ts';
import { readmeSection } from './readme.ts';

describe("README.md's claim table", () => {
  it('equals a fresh run, cell by cell (rewrite it with npm run claim -- --write)', async () => {
    const readme = readmeSection(CLAIM_SECTION).split('\n');
    const fresh = (await claimTable()).split('\n');
    expect(readme, 'README.md differs from a fresh run: npm run claim -- --write').toEqual(fresh);
  });
});
