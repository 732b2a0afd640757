import type { VcpuActivityView } from '../../trace/frame.ts';

/** How each vCPU activity is shown: an icon, a word, and what it means in the kernel. */
export const ACTIVITY: Readonly<Record<VcpuActivityView, { icon: string; short: string; label: string; meaning: string }>> = {
  guest: { icon: '▶', short: 'guest', label: 'in guest', meaning: 'running guest code (IN_GUEST_MODE)' },
  exiting: { icon: '⇥', short: 'exit', label: 'exiting', meaning: 'leaving the guest (VM exit)' },
  faulting: { icon: '↯', short: 'fault', label: 'faulting', meaning: 'tdp_page_fault: building the path to a guest frame' },
  spinning: { icon: '⟳', short: 'spin', label: 'spinning on mmu_lock', meaning: 'waiting for mmu_lock (spin_lock)' },
  reloading: { icon: '↻', short: 'reload', label: 'reloading', meaning: 'kvm_mmu_unload / kvm_mmu_reload: dropping and loading a root' },
  paused: { icon: '❚❚', short: 'paused', label: 'paused', meaning: 'paused by you: outside the guest, root still loaded' },
};
