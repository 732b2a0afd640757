/**
 * Hostile share links, thousands of them: mutations of valid links, random strings, junk that
 * decompresses, and shapes meant to be slow (huge, deep, wide, decompression bombs). For the
 * decoder's fuzz test (linkFuzz.test.ts) and its timing in `npm run bench`; nothing in the app
 * imports this file. Seeded: the same corpus every time.
 */
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { interventionsArb, scenarioArb } from './arbitraries.ts';
import { toBase64Url } from './base64url.ts';
import { encodeLink } from './link.ts';
import { LINK_LIMITS } from './limits.ts';
import { PRESETS } from './presets.ts';
import { presetVersion } from './presetVersions.ts';
import { scenarioSchema } from './schema.ts';

/** One link of the corpus: what kind of damage or shape it has, and the hash. */
export interface CorpusLink {
  readonly kind: string;
  readonly input: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A small seeded PRNG (mulberry32), so a failure is reproducible. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)]! };
}

const link = (json: string) => `#v1.${toBase64Url(deflateSync(strToU8(json)))}`;

type Add = (kind: string, input: string) => void;
type Rnd = ReturnType<typeof prng>;

/** The corpus (about 5,000 links). */
export function linkCorpus(): CorpusLink[] {
  const out: CorpusLink[] = [];
  const add: Add = (kind, input) => out.push({ kind, input });
  const rnd = prng(0xfa57);
  const valid = validLinks();
  valid.forEach((v) => add('valid', v));
  mutations(valid, rnd, add);
  randomStrings(rnd, add);
  junkParts(rnd, add);
  slowShapes(add);
  return out;
}

/** Valid links to mutate: presets and generated runs. */
function validLinks(): string[] {
  const valid: string[] = PRESETS.map((p) => encodeLink({ scenario: presetVersion(p.name)!.scenario })).flatMap((r) =>
    r.ok ? [r.value] : [],
  );
  const runs = fc.sample(
    scenarioArb()
      .map((s) => scenarioSchema.parse(s))
      .chain((s) =>
        interventionsArb(
          s.vcpus.reduce((n, g) => n + g.count, 0),
          s.guest.memoryMiB,
        ).map((iv) => ({ s, iv })),
      ),
    { numRuns: 60, seed: 7 },
  );
  for (const { s, iv } of runs) {
    const r = encodeLink({ scenario: s, interventions: iv, cursor: 10, view: { zoom: 2 } });
    if (r.ok) valid.push(r.value);
  }
  return valid;
}

/** Valid links damaged at a random place: truncated, a character flipped, inserted or deleted, spliced. */
function mutations(valid: readonly string[], rnd: Rnd, add: Add): void {
  for (let i = 0; i < 1500; i++) {
    const v = rnd.pick(valid);
    const body = v.slice(4);
    const at = rnd.int(body.length);
    switch (i % 6) {
      case 0:
        add('truncate', v.slice(0, 4 + at));
        break;
      case 1:
        add('flip', `#v1.${body.slice(0, at)}${rnd.pick([...B64])}${body.slice(at + 1)}`);
        break;
      case 2:
        add(
          'insert',
          `#v1.${body.slice(0, at)}${rnd.pick(['%', ' ', '\u0000', '😀', '==', '#', 'v1.', B64.slice(0, rnd.int(64))])}${body.slice(at)}`,
        );
        break;
      case 3:
        add('delete', `#v1.${body.slice(0, at)}${body.slice(at + 1 + rnd.int(5))}`);
        break;
      case 4:
        add(
          'bitflip-bytes',
          `#v1.${body.slice(0, at)}${B64[(B64.indexOf(body[at] ?? 'A') ^ (1 << rnd.int(6))) & 63]}${body.slice(at + 1)}`,
        );
        break;
      default:
        add('splice', `${v.slice(0, 4 + at)}${rnd.pick(valid).slice(4 + rnd.int(40))}`);
    }
  }
}

/** Random strings, base64 and readable links, and base64 or deflated junk. */
function randomStrings(rnd: Rnd, add: Add): void {
  for (const s of fc.sample(fc.string({ maxLength: 300, unit: 'binary' }), { numRuns: 800, seed: 1 }))
    add('random', rnd.int(2) ? `#v1.${s}` : s);
  for (const s of fc.sample(fc.string({ maxLength: 300, unit: fc.constantFrom(...B64) }), { numRuns: 600, seed: 2 }))
    add('random-b64', `#v1.${s}`);
  for (const s of fc.sample(fc.string({ maxLength: 200 }), { numRuns: 300, seed: 3 })) add('readable', `#v1:${s}`);
  const keyArb = fc.constantFrom('preset', 'seed', 'cursor', 'page', 'zoom', 'strategy', 'x', '__proto__');
  const valueArb = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(...PRESETS.map((p) => p.name)),
    fc.integer().map(String),
    fc.constantFrom('%', '%E0%A4%A', '1e999', 'NaN', '-0', '99999999999999999'),
  );
  for (const kv of fc.sample(fc.array(fc.tuple(keyArb, valueArb), { maxLength: 6 }), { numRuns: 400, seed: 4 })) {
    add('readable-kv', `#v1:${kv.map(([k, v]) => `${k}=${v}`).join('&')}`);
  }
  for (const bytes of fc.sample(fc.uint8Array({ maxLength: 2000 }), { numRuns: 500, seed: 5 }))
    add('b64-of-junk', `#v1.${toBase64Url(bytes)}`);
  for (const j of fc.sample(fc.jsonValue({ maxDepth: 6 }), { numRuns: 300, seed: 6 })) add('deflate-junk-json', link(JSON.stringify(j)));
}

/** Deflated links whose parts have the right names and anything as values. */
function junkParts(rnd: Rnd, add: Add): void {
  const partsArb = fc.record(
    {
      preset: fc.oneof(fc.constantFrom(...PRESETS.map((p) => p.name)), fc.anything()),
      presetTag: fc.oneof(fc.string(), fc.anything()),
      overrides: fc.oneof(
        fc.anything(),
        fc.record(
          { seed: fc.anything(), vcpus: fc.anything(), guest: fc.anything(), script: fc.anything(), strategy: fc.anything() },
          { requiredKeys: [] },
        ),
      ),
      scenario: fc.anything(),
      interventions: fc.oneof(
        fc.anything(),
        fc.array(
          fc.record(
            {
              atEvent: fc.anything(),
              action: fc.record(
                {
                  type: fc.constantFrom('memslot-delete', 'shrink', 'pause-vcpu', 'set-workload', 'nope'),
                  vcpu: fc.anything(),
                  calls: fc.anything(),
                  workload: fc.anything(),
                },
                { requiredKeys: [] },
              ),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
      cursor: fc.anything(),
      view: fc.oneof(fc.anything(), fc.record({ selectedPage: fc.anything(), zoom: fc.anything() }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  );
  for (const p of fc.sample(partsArb, { numRuns: 600, seed: 8 })) {
    if (rnd.int(2) && 'scenario' in p) delete p.scenario;
    add('deflate-junk-parts', link(JSON.stringify(p)));
  }
}

/** Sizes and shapes meant to be slow. */
function slowShapes(add: Add): void {
  add('huge', 'A'.repeat(1 << 20));
  add('huge', `#v1.${'A'.repeat(10 << 20)}`);
  add('at-limit', `#v1.${'A'.repeat(LINK_LIMITS.maxHashChars - 3)}`);
  add('at-limit', `#v1.${'_'.repeat(LINK_LIMITS.maxHashChars - 4)}`);
  add('at-limit-readable', `#v1:${'preset=classroom&'.repeat(960)}`);
  add('bomb', link(' '.repeat(50 << 20)));
  add('bomb', link(`{"preset":"classroom","x":"${'a'.repeat(LINK_LIMITS.maxJsonBytes)}"}`));
  add('deep', link(`${'['.repeat(100_000)}${']'.repeat(100_000)}`));
  add('deep', link(`{"preset":"classroom","overrides":${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}}`));
  add('deep', link(`{"scenario":${'['.repeat(31)}${']'.repeat(31)},"view":${'{"z":'.repeat(20)}1${'}'.repeat(20)}}`));
  add('deep-unclosed', link('['.repeat(200_000)));
  const filler = (n: number, item: string) => `[${Array.from({ length: n }, () => item).join(',')}]`;
  add('wide', link(`{"preset":"classroom","interventions":${filler(60_000, '1')}}`));
  add(
    'wide',
    link(
      `{"preset":"classroom","interventions":${filler(200, '{"atEvent":1,"action":{"type":"set-workload","vcpu":0,"workload":{"pattern":"uniform","baseGfn":0,"pages":10,"hotPermille":1,"hotAccessPermille":1,"gapNs":1}}}')}}`,
    ),
  );
  add(
    'wide',
    link(
      `{"preset":"classroom","interventions":${filler(200, '{"atEvent":-1,"action":{"type":"set-workload","vcpu":"x","workload":[1,2,3]}}')}}`,
    ),
  );
  add('wide', link(`{"preset":"classroom","overrides":{"script":${filler(40_000, '{"atNs":1,"action":{"type":"memslot-delete"}}')}}}`));
  add(
    'wide',
    link(
      `{"preset":"classroom","overrides":{"script":${filler(500, '{"atNs":-1,"action":{"type":"x"}}')},"vcpus":${filler(64, '{"count":"x"}')}}}`,
    ),
  );
  add('wide', link(`{"preset":"classroom","overrides":{"vcpus":${filler(30_000, '{"count":1}')}}}`));
  add('wide', link(`{"preset":"classroom","overrides":{"costs":{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":1`).join(',')}}}}`));
  add('wide', link(`{"preset":"classroom","view":{${Array.from({ length: 20_000 }, (_, i) => `"k${i}":1`).join(',')}}}`));
  add('wide', link(`{"preset":"classroom",${Array.from({ length: 20_000 }, (_, i) => `"k${i}":1`).join(',')}}`));
  add('proto', link('{"preset":"classroom","overrides":{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}}'));
  add('proto', link('{"__proto__":{"preset":"classroom"}}'));
}
