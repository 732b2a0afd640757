/**
 * `npm run docs`: README.md's tables that come from code other than a run. `cli` is the CLI's
 * flag table, from the option table in args.ts (the one the parser and --help read);
 * `strategies` is the strategy table of src/sim/strategy.ts (what --strategy accepts). Prints
 * them; `--write` puts them in README.md. docs.test.ts fails when README.md differs.
 */
import { parseArgs } from 'node:util';
import { STRATEGIES, STRATEGY_NAMES, kernelSourceUrl } from '../src/sim/strategy.ts';
import { flagList } from './args.ts';
import { writeReadmeSections } from './readme.ts';

/** A table cell: pipes escaped, so a help text cannot split a row. */
const cell = (text: string) => text.replaceAll('|', '\\|');

/** One row per flag: the flag as typed, its help and, for README.md, more. */
export function cliTable(): string {
  const rows = flagList().map(([flag, o]) => `| \`${flag}\` | ${cell(o.more ? `${o.help}, ${o.more}` : o.help)} |`);
  return ['| flag | meaning |', '|---|---|', ...rows].join('\n');
}

/** One row per strategy, in the table's order: its name, what it models (with a link to the source) and what it does. */
export function strategyTable(): string {
  const rows = STRATEGY_NAMES.map((name) => {
    const t = STRATEGIES[name];
    const kernel = `[${t.kernel.release}${t.kernel.commit ? ` ${t.kernel.commit}` : ''}](${kernelSourceUrl(t)})`;
    return `| \`${name}\` | ${cell(t.label)} | ${kernel} | ${cell(t.description)} |`;
  });
  return ['| strategy | what it is | kernel | what it does |', '|---|---|---|---|', ...rows].join('\n');
}

/** The sections `npm run docs` owns, by README.md marker name. */
export function docSections(): Record<string, string> {
  return { cli: cliTable(), strategies: strategyTable() };
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({ options: { write: { type: 'boolean' } } });
  const sections = docSections();
  if (values.write) {
    const changed = writeReadmeSections(sections);
    console.log(changed.length ? `README.md: rewrote ${changed.join(', ')}` : 'README.md: up to date');
  } else console.log(Object.values(sections).join('\n\n'));
}
