/**
 * The CLI as other tools use it: a child process (`npx tsx cli/sim.ts …`), its exit code, stdout
 * and stderr. Runs are started concurrently (each pays for tsx's start-up) and kept small.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPreset, validateScenario } from '../src/scenario/index.ts';
import { STRATEGIES, STRATEGY_NAMES, type Strategy } from '../src/sim/index.ts';

const ROOT = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'fastzap-cli-'));

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** At most two CLI processes at a time: the machine has two cores, shared. */
let running = 0;
const waiting: (() => void)[] = [];

async function sim(...args: string[]): Promise<Result> {
  if (running >= 2) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await new Promise((resolve) => {
      execFile('npx', ['tsx', 'cli/sim.ts', ...args], { cwd: ROOT, timeout: 90_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** stderr without npm's own chatter (npx warns about user config on some machines). */
const errText = (r: Result): string =>
  r.stderr
    .split('\n')
    .filter((l) => !l.startsWith('npm warn'))
    .join('\n')
    .trim();

describe.concurrent('npm run sim', () => {
  it('--list-presets names every preset, one a line', async () => {
    const plain = await sim('--list-presets');
    expect(plain.code).toBe(0);
    for (const name of ['classroom', 'memslot-delete-under-load', 'large-guest', 'root-in-use'])
      expect(plain.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
  });

  it('--json prints one object with the documented fields; --trace writes the same log as JSON Lines', async () => {
    const trace = join(tmp, 'classroom.jsonl');
    const r = await sim('--preset', 'classroom', '--json', '--check', '--trace', trace);
    expect(errText(r)).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ['maxZapperHoldNs', 'vcpuLockWaitNs', 'invalidationNs', 'lockBreaks', 'pagesZapped', 'shadowPagesPeak', 'events']) {
      expect(typeof out[k], k).toBe('number');
    }
    const classroom = validateScenario(findPreset('classroom')!.scenario);
    if (!classroom.ok) throw new Error(classroom.error.message);
    expect(out).toMatchObject({
      scenario: 'classroom',
      strategy: classroom.value.strategy.name,
      seed: classroom.value.seed,
      violation: null,
    });
    expect(out.eventLogSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.lockBreaks as number).toBeGreaterThan(0);
    expect(out.pagesZapped as number).toBeGreaterThan(20);
    const text = readFileSync(trace, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(out.events as number);
    expect(createHash('sha256').update(text).digest('hex')).toBe(out.eventLogSha256);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ i: 0, tNs: 0, actor: 'setup', type: 'page.created' });
  });

  it('is deterministic: the same run twice gives the same sha256; another seed does not', async () => {
    const [a, b, c] = await Promise.all([
      sim('--preset', 'root-in-use', '--json', '--check'),
      sim('--preset', 'root-in-use', '--json'),
      sim('--preset', 'root-in-use', '--json', '--seed', '2'),
    ]);
    const sha = (r: Result) => (JSON.parse(r.stdout) as { eventLogSha256: string }).eventLogSha256;
    expect(sha(a)).toBe(sha(b));
    expect(sha(c)).not.toBe(sha(a));
  });

  it('--check is clean on the small presets (exit 0; classroom and root-in-use are checked above)', async () => {
    const r = await sim('--preset', 'back-to-back', '--check');
    expect(errText(r)).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/longest zapper hold of mmu_lock/);
  });

  it('--check is clean for every strategy on a small guest; --compare --json gives one row each', async () => {
    const r = await sim('--preset', 'classroom', '--compare', '--json', '--check', '--strategies', STRATEGY_NAMES.join(','));
    expect(errText(r)).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { strategy: string; violation: unknown; lockBreaks: number }[];
    expect(rows.map((x) => x.strategy)).toEqual(STRATEGY_NAMES);
    expect(rows.every((x) => x.violation === null)).toBe(true);
    // Only a strategy with a break function breaks the lock (the classroom's vCPUs contend).
    for (const row of rows) expect(row.lockBreaks > 0, row.strategy).toBe(STRATEGIES[row.strategy as Strategy].lock.breakFn !== null);
  });

  it('an unknown preset: exit 2, and the message lists the presets', async () => {
    const r = await sim('--preset', 'no-such-preset');
    expect(r.code).toBe(2);
    expect(errText(r)).toMatch(/^error: unknown preset "no-such-preset"; presets: classroom, /);
    expect(r.stdout).toBe('');
  });

  it('a scenario file that is not JSON: exit 2, naming the file and the parse error', async () => {
    const file = join(tmp, 'bad.json');
    writeFileSync(file, '{ "version": 1, "guest": ');
    const r = await sim('--scenario', file);
    expect(r.code).toBe(2);
    expect(errText(r)).toContain(`${file} is not valid JSON`);
  });

  it('a scenario file with an out-of-range value: exit 2, naming the field and the range', async () => {
    const file = join(tmp, 'range.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, guest: { memoryMiB: 64 }, vcpus: [{ count: 300, pattern: 'uniform' }], durationNs: 1_000_000 }),
    );
    const r = await sim('--scenario', file);
    expect(r.code).toBe(2);
    expect(errText(r)).toMatch(/count must be between 1 and 255/);
  });

  it('an out-of-range flag or an unknown one: exit 2 with a clear message', async () => {
    const [vcpus, unknown] = await Promise.all([sim('--vcpus', '999'), sim('--frobnicate')]);
    expect(vcpus.code).toBe(2);
    expect(errText(vcpus)).toMatch(/--vcpus must be a whole number between 1 and 255 \(got "999"\)/);
    expect(unknown.code).toBe(2);
    expect(errText(unknown)).toMatch(/unknown option "--frobnicate"/);
  });
});
