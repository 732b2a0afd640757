/**
 * README.md sections written by code: each lies between `<!-- NAME:begin -->` and
 * `<!-- NAME:end -->`, on lines of their own. `npm run claim -- --write` and
 * `npm run bench -- --write` rewrite them; the unit tests read them back.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const README_URL = new URL('../README.md', import.meta.url);

const begin = (name: string) => `<!-- ${name}:begin -->`;
const end = (name: string) => `<!-- ${name}:end -->`;

/** Where a section's body lies in `text` (between the marker lines), or an error naming what is wrong. */
function locate(text: string, name: string): { from: number; to: number } {
  const b = begin(name);
  const e = end(name);
  const at = text.indexOf(`${b}\n`);
  if (at < 0 || text.indexOf(b, at + 1) >= 0) throw new Error(`README.md must hold the line ${b} exactly once`);
  const from = at + b.length + 1;
  const to = text.indexOf(`\n${e}`, from - 1);
  if (to < 0 || text.indexOf(e, to + 2) >= 0) throw new Error(`README.md must hold the line ${e} exactly once, after ${b}`);
  return { from, to: to + 1 };
}

/** The body of section `name` (without the marker lines and without its last newline). */
export function readSection(text: string, name: string): string {
  const { from, to } = locate(text, name);
  return text.slice(from, to).replace(/\n$/, '');
}

/** `text` with the body of section `name` replaced by `body`. */
export function replaceSection(text: string, name: string, body: string): string {
  const { from, to } = locate(text, name);
  return `${text.slice(0, from)}${body.replace(/\n*$/, '\n')}${text.slice(to)}`;
}

/** Rewrite sections of README.md in place; returns the names whose body changed. */
export function writeReadmeSections(sections: Readonly<Record<string, string>>): string[] {
  const before = readFileSync(README_URL, 'utf8');
  let text = before;
  const changed: string[] = [];
  for (const [name, body] of Object.entries(sections)) {
    const next = replaceSection(text, name, body);
    if (next !== text) changed.push(name);
    text = next;
  }
  if (text !== before) writeFileSync(README_URL, text);
  return changed;
}

/** Section `name` of README.md as it is on disk. */
export function readmeSection(name: string): string {
  return readSection(readFileSync(README_URL, 'utf8'), name);
}

/** The body rows of a Markdown table (header and rule skipped), split into trimmed cells. */
export function tableRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) =>
      l
        .slice(1, l.endsWith('|') ? -1 : undefined)
        .split('|')
        .map((c) => c.trim()),
    );
}
