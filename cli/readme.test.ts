import { describe, expect, it } from 'vitest';
import { readSection, replaceSection, tableRows } from './readme.ts';

const doc = ['# T', '', '<!-- t:begin -->', '| a | b |', '|---|---|', '| 1 | 2 |', '<!-- t:end -->', '', 'after', ''].join('\n');

describe('README sections between markers', () => {
  it('reads and replaces only the body between the marker lines', () => {
    expect(readSection(doc, 't')).toBe('| a | b |\n|---|---|\n| 1 | 2 |');
    const next = replaceSection(doc, 't', 'new body\n\n');
    expect(next).toBe(['# T', '', '<!-- t:begin -->', 'new body', '<!-- t:end -->', '', 'after', ''].join('\n'));
    expect(readSection(next, 't')).toBe('new body');
    expect(replaceSection(next, 't', readSection(doc, 't'))).toBe(doc);
  });

  it('refuses a missing, unclosed or doubled section rather than writing somewhere else', () => {
    expect(() => readSection(doc, 'u')).toThrow(/<!-- u:begin -->/);
    expect(() => readSection(doc.replace('<!-- t:end -->', ''), 't')).toThrow(/<!-- t:end -->/);
    expect(() => readSection(`${doc}\n<!-- t:begin -->\n`, 't')).toThrow(/exactly once/);
  });

  it('splits a table into trimmed cells, header and rule left out', () => {
    expect(tableRows(readSection(doc, 't'))).toEqual([['1', '2']]);
  });
});
