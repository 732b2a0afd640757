/**
 * Presets: each a teaching point, with the paragraph the UI shows. They are scenario inputs,
 * validated like any other, so a preset can never hold a value a file could not.
 */
import type { ScenarioInput } from './schema.ts';

export interface Preset {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly scenario: ScenarioInput;
}

const ms = 1_000_000;
const us = 1_000;

export const PRESETS: readonly Preset[] = [
  {
    name: 'classroom',
    title: 'Classroom: a tiny VM',
    description:
      'Two vCPUs in a 64 MiB guest whose memory is already mapped: 35 shadow pages, one shared root. A memslot is deleted at 300 µs. Watch mmu_valid_gen go from 0 to 1 and every page turn obsolete in the same instant, the vCPUs get KVM_REQ_MMU_RELOAD, the root parked invalid at the head because it is still in use, and the zapper free the obsolete pages from the tail, ten at a time, breaking mmu_lock whenever a vCPU spins on it.',
    scenario: {
      version: 1,
      name: 'classroom',
      seed: 1,
      guest: { memoryMiB: 64 },
      vcpus: [{ count: 2, pattern: 'uniform', sizeMiB: 32, gapNs: 4000 }],
      strategy: { name: 'fast-3.11' },
      durationNs: 3 * ms,
      script: [{ atNs: 300 * us, action: { type: 'memslot-delete' } }],
    },
  },
  {
    name: 'memslot-delete-under-load',
    title: 'Memslot deletion under load',
    description:
      "Modelled on the kernel authors' benchmark (mmtest -c 8 -m 2000, and a PCI ROM read that makes QEMU delete a memslot): eight busy vCPUs, each with 2000 MiB mapped, in a 16 GiB guest. The zapper walks ~8,000 obsolete pages; every ten it lets the spinning vCPUs through, so they reload their roots and keep faulting while the old tree is torn down.",
    scenario: {
      version: 1,
      name: 'memslot-delete-under-load',
      seed: 1,
      guest: { memoryMiB: 16384 },
      vcpus: [{ count: 8, pattern: 'uniform', sizeMiB: 2000, gapNs: 800 }],
      strategy: { name: 'fast-3.11' },
      durationNs: 400 * ms,
      script: [{ atNs: 1 * ms, action: { type: 'memslot-delete' } }],
    },
  },
  {
    name: 'large-guest',
    title: 'A large guest: 64 GiB, 32 vCPUs',
    description:
      'A 64 GiB guest, fully mapped (~33,000 shadow pages), with 32 vCPUs. The generation bump is still one increment; the walk that follows is long, but never holds mmu_lock for more than ten page-zaps while a vCPU waits. Only the final kvm_mmu_commit_zap_page, which frees every zapped page in one hold, is longer. Shown aggregated: pages grouped by level and state.',
    scenario: {
      version: 1,
      name: 'large-guest',
      seed: 1,
      guest: { memoryMiB: 65536 },
      vcpus: [{ count: 32, pattern: 'uniform', gapNs: 800 }],
      strategy: { name: 'fast-3.11' },
      durationNs: 3500 * ms,
      script: [{ atNs: 1 * ms, action: { type: 'memslot-delete' } }],
    },
  },
  {
    name: 'zap-all-vs-fast',
    title: 'zap-all against fast invalidation',
    description:
      "The March 2013 cover letter's setup: six vCPUs and a 2 GiB guest. This run uses the old kvm_mmu_zap_all: one hold of mmu_lock for the whole walk, every vCPU stalled behind it. Switch the strategy to fast-3.11 (same seed, same workload) to see the hold shrink to one batch.",
    scenario: {
      version: 1,
      name: 'zap-all-vs-fast',
      seed: 1,
      guest: { memoryMiB: 2048 },
      vcpus: [{ count: 6, pattern: 'uniform', gapNs: 200 }],
      strategy: { name: 'zap-all' },
      durationNs: 60 * ms,
      script: [{ atNs: 500 * us, action: { type: 'memslot-delete' } }],
    },
  },
  {
    name: 'root-in-use',
    title: 'A root still in use',
    description:
      'vCPU 1 is paused (outside the guest, root still loaded) when the memslot goes. The walk reaches its root first (the oldest page, at the tail) and cannot free it: kvm_mmu_prepare_zap_page sets role.invalid and parks it at the head of active_mmu_pages, and the walk skips it from then on. Only when vCPU 1 resumes does mmu_free_roots drop root_count to zero and free it.',
    scenario: {
      version: 1,
      name: 'root-in-use',
      seed: 1,
      guest: { memoryMiB: 64 },
      vcpus: [{ count: 2, pattern: 'uniform', sizeMiB: 32, gapNs: 4000 }],
      strategy: { name: 'fast-3.11' },
      durationNs: 3 * ms,
      script: [
        { atNs: 100 * us, action: { type: 'pause-vcpu', vcpu: 1 } },
        { atNs: 300 * us, action: { type: 'memslot-delete' } },
        { atNs: 2000 * us, action: { type: 'resume-vcpu', vcpu: 1 } },
      ],
    },
  },
  {
    name: 'shrinker-first',
    title: 'The shrinker reclaims zapped-obsolete pages first',
    description:
      'Host memory pressure arrives while an invalidation is in progress. Prepared pages wait on kvm->arch.zapped_obsolete_pages for the final commit; at a lock break the shrinker (mmu_shrink) takes the lock and frees them first, instead of zapping a live page from the tail.',
    scenario: {
      version: 1,
      name: 'shrinker-first',
      seed: 1,
      guest: { memoryMiB: 512 },
      vcpus: [{ count: 4, pattern: 'uniform', gapNs: 400 }],
      strategy: { name: 'fast-3.11' },
      durationNs: 12 * ms,
      script: [
        { atNs: 500 * us, action: { type: 'memslot-delete' } },
        { atNs: 1500 * us, action: { type: 'shrink', calls: 1 } },
        { atNs: 3000 * us, action: { type: 'shrink', calls: 1 } },
      ],
    },
  },
  {
    name: 'back-to-back',
    title: 'Two invalidations back to back',
    description:
      'Two memslot deletions 40 µs apart. Memslot updates are serialised, so the second waits for the first to finish, then bumps mmu_valid_gen again: pages built in generation 1 become obsolete in their turn, and vCPUs reload twice.',
    scenario: {
      version: 1,
      name: 'back-to-back',
      seed: 1,
      guest: { memoryMiB: 128 },
      vcpus: [{ count: 2, pattern: 'uniform', gapNs: 3000 }],
      strategy: { name: 'fast-3.11' },
      durationNs: 5 * ms,
      script: [
        { atNs: 300 * us, action: { type: 'memslot-delete' } },
        { atNs: 340 * us, action: { type: 'memslot-delete' } },
      ],
    },
  },
];

export const DEFAULT_PRESET = 'classroom';

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
