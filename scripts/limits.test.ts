/**
 * The size limits bite (eslint.limits.js): probe files just over each limit are reported and
 * files just under it are not; then the whole tree, linted with the limits alone and inline
 * `eslint-disable` comments ignored, breaks them only at the named exceptions.
 */
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './depcruise.ts';

interface Limits {
  readonly limitRules: Linter.Config[];
  readonly LIMIT_EXCEPTIONS: readonly { readonly file: string; readonly fn: string }[];
  readonly MAX_FILE_LINES: number;
  readonly MAX_FUNCTION_LINES: number;
}

let limits: Limits;
let eslint: ESLint;

beforeAll(async () => {
  limits = (await import(pathToFileURL(join(REPO_ROOT, 'eslint.limits.js')).href)) as Limits;
  eslint = new ESLint({
    cwd: REPO_ROOT,
    overrideConfigFile: true,
    allowInlineConfig: false,
    overrideConfig: [
      { ignores: ['dist/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'reports/**', '.scratch/**'] },
      { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
      ...limits.limitRules,
    ],
  });
});

/** `n` lines of code, each a statement. */
const statements = (n: number) => Array.from({ length: n }, (_, i) => `  x += ${i};`).join('\n');
/** A function whose body is `n` lines of code, padded with blank and comment lines that do not count. */
const fn = (n: number, padding = 0) =>
  `export function f(): number {\n  let x = 0;\n${statements(n - 4)}\n${'\n  // a comment\n'.repeat(padding)}  return x;\n}\n`;
/** A file of exactly `n` lines (the last one ends with a newline). */
const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const c${i} = ${i};`).join('\n') + '\n';

async function rulesIn(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('probes', () => {
  it('a source file over the line limit is reported, one at it is not', async () => {
    expect(await rulesIn('src/sim/probe.ts', lines(limits.MAX_FILE_LINES + 1))).toEqual(['max-lines']);
    expect(await rulesIn('src/sim/probe.ts', lines(limits.MAX_FILE_LINES))).toEqual([]);
  });

  it('a function over the limit is reported; blank and comment lines do not count', async () => {
    expect(await rulesIn('src/ui/probe.tsx', fn(limits.MAX_FUNCTION_LINES + 1))).toEqual(['max-lines-per-function']);
    expect(await rulesIn('src/ui/probe.tsx', fn(limits.MAX_FUNCTION_LINES, 20))).toEqual([]);
  });

  it('an arrow function in cli/ or scripts/ counts too', async () => {
    const arrow = `export const run = (): number => {\n  let x = 0;\n${statements(limits.MAX_FUNCTION_LINES)}\n  return x;\n};\n`;
    expect(await rulesIn('cli/probe.ts', arrow)).toEqual(['max-lines-per-function']);
    expect(await rulesIn('scripts/probe.ts', arrow)).toEqual(['max-lines-per-function']);
  });

  it('tests are exempt', async () => {
    const long = lines(limits.MAX_FILE_LINES + 1) + fn(limits.MAX_FUNCTION_LINES + 1);
    expect(await rulesIn('src/sim/probe.test.ts', long)).toEqual([]);
    expect(await rulesIn('src/ui/probe.test.tsx', long)).toEqual([]);
    expect(await rulesIn('e2e/probe.spec.ts', long)).toEqual([]);
  });
});

describe('the tree', () => {
  it('breaks the limits only at the named exceptions (inline disables ignored)', async () => {
    const results = await eslint.lintFiles(['src', 'cli', 'scripts', 'e2e', '*.js', '*.ts']);
    const found = results.flatMap((r) =>
      r.messages.map((m) => {
        const file = relative(REPO_ROOT, r.filePath).replaceAll('\\', '/');
        return { file, fn: /^(?:Async )?(?:Function|Method) '(\w+)'/.exec(m.message)?.[1] ?? `${m.ruleId ?? 'fatal'}: ${m.message}` };
      }),
    );
    expect(found).toEqual(limits.LIMIT_EXCEPTIONS.map(({ file, fn }) => ({ file, fn })));
  });
});

describe('stylesheets', () => {
  it(`every CSS file under src/ stays within the file limit (ESLint does not read CSS)`, async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const css = (readdirSync(join(REPO_ROOT, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.css'));
    expect(css.length).toBeGreaterThan(3);
    const over = css
      .map((f) => ({ file: f.replaceAll('\\', '/'), lines: readFileSync(join(REPO_ROOT, 'src', f), 'utf8').split('\n').length - 1 }))
      .filter((x) => x.lines > limits.MAX_FILE_LINES);
    expect(over).toEqual([]);
  });
});
