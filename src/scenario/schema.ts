/**
 * The scenario, version 1: everything that determines a run. Validated with zod; every message
 * names the field and the allowed range. Limits keep a browser tab responsive.
 */
import { z } from 'zod';
import { BATCH_ZAP_PAGES, STRATEGY_NAMES, DEFAULT_COSTS, type CostModel } from '../sim/public.ts';

export const SCENARIO_VERSION = 1;

/** Limits (also in the README): a scenario beyond them is refused with a message, not run. */
export const LIMITS = {
  maxGuestMiB: 1024 * 1024, // 1 TiB
  maxVcpus: 255, // 3.11's KVM_MAX_VCPUS
  maxDurationNs: 10_000_000_000, // 10 s of simulated time
  maxScript: 500,
  /** Pages a pre-populated map may hold (a 64 GiB guest needs ~33k; 1 TiB ~525k). */
  maxPrepopulatedPages: 600_000,
  maxCostNs: 10_000_000,
} as const;

const int = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be between ${min} and ${max}` })
    .max(max, { error: `${name} must be between ${min} and ${max}` });

const workloadSchema = z.strictObject({
  pattern: z.enum(['uniform', 'hot-set', 'sequential', 'idle'], {
    error: 'pattern must be one of uniform, hot-set, sequential, idle',
  }),
  /** Where the working set starts, in MiB of guest memory; omitted = packed after the previous vCPU's. */
  baseMiB: int('baseMiB', 0, LIMITS.maxGuestMiB).optional(),
  /** Size of each vCPU's working set in MiB; omitted = an equal share of guest memory. */
  sizeMiB: int('sizeMiB', 0, LIMITS.maxGuestMiB).optional(),
  hotPermille: int('hotPermille', 1, 1000).default(100),
  hotAccessPermille: int('hotAccessPermille', 0, 1000).default(900),
  /** Mean guest time between touches of distinct 4 KiB pages (the rate is its inverse). */
  gapNs: int('gapNs', 1, 1_000_000_000).default(200),
});

const vcpuGroupSchema = workloadSchema.extend({
  count: int('count', 1, LIMITS.maxVcpus).default(1),
});

const interventionSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('memslot-delete') }),
    z.strictObject({ type: z.literal('bump-generation') }),
    z.strictObject({ type: z.literal('shrink'), calls: int('calls', 1, 100_000).default(1) }),
    z.strictObject({ type: z.literal('pause-vcpu'), vcpu: int('vcpu', 0, LIMITS.maxVcpus - 1) }),
    z.strictObject({ type: z.literal('resume-vcpu'), vcpu: int('vcpu', 0, LIMITS.maxVcpus - 1) }),
    z.strictObject({
      type: z.literal('set-workload'),
      vcpu: int('vcpu', 0, LIMITS.maxVcpus - 1),
      workload: workloadSchema,
    }),
  ],
  { error: 'action.type must be one of memslot-delete, bump-generation, shrink, pause-vcpu, resume-vcpu, set-workload' },
);

const scriptEntrySchema = z.strictObject({
  atNs: int('atNs', 0, LIMITS.maxDurationNs),
  action: interventionSchema,
});

const costShape = Object.fromEntries(
  (Object.keys(DEFAULT_COSTS) as (keyof CostModel)[]).map((k) => [k, int(k, 0, LIMITS.maxCostNs).optional()]),
) as Record<keyof CostModel, z.ZodOptional<z.ZodNumber>>;

export const scenarioSchema = z
  .strictObject({
    version: z.literal(SCENARIO_VERSION, { error: `version must be ${SCENARIO_VERSION}` }),
    name: z.string().max(80, { error: 'name must be at most 80 characters' }).default('custom'),
    seed: int('seed', 0, 0xffffffff).default(1),
    guest: z.strictObject({
      memoryMiB: int('guest.memoryMiB', 2, LIMITS.maxGuestMiB),
      paging: z.enum(['tdp'], { error: 'guest.paging must be "tdp" (shadow paging is not modelled yet)' }).default('tdp'),
      /** `n_max_mmu_pages` override; omitted = 2% of guest pages, at least 64. */
      nMaxMmuPages: int('guest.nMaxMmuPages', 64, 100_000_000).optional(),
    }),
    vcpus: z.array(vcpuGroupSchema).min(1, { error: 'vcpus needs at least one group' }).max(64, { error: 'vcpus has at most 64 groups' }),
    strategy: z
      .strictObject({
        name: z.enum(STRATEGY_NAMES as [string, ...string[]], { error: `strategy.name must be one of ${STRATEGY_NAMES.join(', ')}` }),
        batchZapPages: int('strategy.batchZapPages', 1, 100_000).default(BATCH_ZAP_PAGES),
        lockBreak: z
          .enum(['contended', 'resched-only'], { error: 'strategy.lockBreak must be contended or resched-only' })
          .default('contended'),
        reschedEveryNs: int('strategy.reschedEveryNs', 0, LIMITS.maxDurationNs).default(0),
      })
      .default({ name: 'fast-3.11', batchZapPages: BATCH_ZAP_PAGES, lockBreak: 'contended', reschedEveryNs: 0 }),
    costs: z.strictObject(costShape).default({}),
    prepopulate: z.boolean({ error: 'prepopulate must be true or false' }).default(true),
    durationNs: int('durationNs', 1000, LIMITS.maxDurationNs),
    script: z
      .array(scriptEntrySchema)
      .max(LIMITS.maxScript, { error: `script has at most ${LIMITS.maxScript} entries` })
      .default([]),
  })
  .superRefine((sc, ctx) => {
    const total = sc.vcpus.reduce((n, g) => n + g.count, 0);
    if (total > LIMITS.maxVcpus) {
      ctx.addIssue({ code: 'custom', path: ['vcpus'], message: `vcpus: at most ${LIMITS.maxVcpus} vCPUs in all (got ${total})` });
    }
    sc.vcpus.forEach((g, i) => {
      const base = g.baseMiB ?? 0;
      const size = g.sizeMiB ?? 0;
      if (base + size * (g.baseMiB === undefined ? 1 : g.count) > sc.guest.memoryMiB) {
        ctx.addIssue({
          code: 'custom',
          path: ['vcpus', i],
          message: `vcpus[${i}]: working set ends beyond guest memory (${sc.guest.memoryMiB} MiB)`,
        });
      }
    });
    sc.script.forEach((e, i) => {
      const a = e.action;
      if ('vcpu' in a && a.vcpu >= total) {
        ctx.addIssue({
          code: 'custom',
          path: ['script', i, 'action', 'vcpu'],
          message: `script[${i}].action.vcpu must be between 0 and ${total - 1}`,
        });
      }
      if (e.atNs > sc.durationNs) {
        ctx.addIssue({
          code: 'custom',
          path: ['script', i, 'atNs'],
          message: `script[${i}].atNs must be at most durationNs (${sc.durationNs})`,
        });
      }
    });
    if (sc.prepopulate) {
      // Upper bound on the pages a full direct map of the guest needs.
      const l1 = Math.ceil(sc.guest.memoryMiB / 2);
      const pages = 1 + Math.ceil(l1 / 512) + Math.ceil(l1 / 512 / 512) + l1;
      if (pages > LIMITS.maxPrepopulatedPages) {
        ctx.addIssue({
          code: 'custom',
          path: ['prepopulate'],
          message: `prepopulate: a ${sc.guest.memoryMiB} MiB guest needs up to ${pages} pages; the limit is ${LIMITS.maxPrepopulatedPages}`,
        });
      }
    }
  });

/** A scenario as written (defaults may be missing). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;
export type WorkloadSpec = z.output<typeof workloadSchema>;
