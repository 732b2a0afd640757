/**
 * README.md's CLI flag table and strategy table are generated, not pasted (cli/docs.ts): each must
 * equal a fresh generation from the option table (cli/args.ts) and the strategy table
 * (src/sim/strategy.ts). After a deliberate change: `npm run docs`.
 */
import { describe, expect, it } from 'vitest';
import { STRATEGY_NAMES } from '../src/sim/strategy.ts';
import { OPTIONS } from './args.ts';
import { docSections } from './docs.ts';
import { readmeSection, tableRows } from './readme.ts';

describe("README.md's generated tables", () => {
  it.each(Object.entries(docSections()))('section %s equals a fresh generation (rewrite it with npm run docs)', (name, fresh) => {
    expect(readmeSection(name).split('\n'), `README.md differs from the code: npm run docs`).toEqual(fresh.split('\n'));
  });

  it('lists every strategy of the table and every flag of the parser, in their order', () => {
    const strategies = tableRows(readmeSection('strategies')).map((r) => r[0]);
    expect(strategies).toEqual(STRATEGY_NAMES.map((s) => `\`${s}\``));
    const flags = tableRows(readmeSection('cli')).map((r) => /--([\w-]+)/.exec(r[0] ?? '')?.[1]);
    expect(flags).toEqual(Object.keys(OPTIONS));
  });
});
