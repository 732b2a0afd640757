/**
 * Requests to every vCPU (Linux 3.11 virt/kvm/kvm_main.c): a remote TLB flush, an MMU reload, and
 * the IPI that takes a vCPU out of guest mode so it sees them. Each returns the simulated cost of
 * what it did; the caller charges it.
 */
import { emit, wake, type Ctx } from './ctx.ts';
import type { ActorId, PageId } from './types.ts';

/** `kvm_flush_remote_tlbs`: KVM_REQ_TLB_FLUSH to every vCPU, IPI those in guest mode, wait. */
export function kvmFlushRemoteTlbs(ctx: Ctx, actor: ActorId, pages: number): number {
  const { s } = ctx;
  s.metrics.remoteFlushes++;
  emit(ctx, actor, { type: 'tlb.flushed', fn: 'kvm_flush_remote_tlbs', scope: 'remote', vcpu: null, pages });
  for (const v of s.vcpus) {
    v.reqTlbFlush = true;
    if (v.inGuest) kick(ctx, v.id, 'ipi');
  }
  return ctx.cfg.costs.remoteTlbFlushNs;
}

/** `kvm_reload_remote_mmus`: KVM_REQ_MMU_RELOAD to every vCPU, IPI those in guest mode, wait. */
export function kvmReloadRemoteMmus(ctx: Ctx, actor: ActorId, cause: PageId | null): number {
  const { s } = ctx;
  const kicked = s.vcpus.filter((v) => v.inGuest).map((v) => v.id);
  for (const v of s.vcpus) v.reqMmuReload = true;
  emit(ctx, actor, {
    type: 'reload.requested',
    fn: 'kvm_reload_remote_mmus',
    vcpus: s.vcpus.map((v) => v.id),
    kicked,
    page: cause,
  });
  for (const id of kicked) kick(ctx, id, 'ipi');
  return ctx.cfg.costs.reloadIpiNs;
}

/** An IPI (or a pause) takes a vCPU out of guest mode; it re-enters through vcpu_enter_guest. */
export function kick(ctx: Ctx, vcpu: ActorId, reason: 'ipi' | 'pause'): void {
  const v = ctx.s.vcpus[vcpu]!;
  v.inGuest = false;
  v.activity = 'exiting';
  v.wakeToken++;
  v.pc = 'enter';
  emit(ctx, vcpu, { type: 'vcpu.exited', fn: 'vcpu_enter_guest', vcpu, reason });
  wake(ctx, vcpu, ctx.cfg.costs.vmExitNs);
}
