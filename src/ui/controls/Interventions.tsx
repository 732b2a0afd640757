export interface InterventionsProps {
  readonly disabled: boolean;
  /** The running strategy's entry function (Frame.names.entryFn), null before a frame. */
  readonly entryFn: string | null;
  readonly onInvalidate: () => void;
  readonly onShrink: () => void;
}

/** What you can do to the VM: delete a memslot (the fast invalidate-all), host memory pressure. */
export function Interventions({ disabled, entryFn, onInvalidate, onShrink }: InterventionsProps) {
  return (
    <div className="fz-interventions" role="group" aria-label="Interventions">
      <button
        type="button"
        className="fz-btn fz-btn-danger"
        onClick={onInvalidate}
        disabled={disabled}
        aria-label="Invalidate all pages (delete a memslot)"
        title={`kvm_arch_flush_shadow_memslot${entryFn === null ? '' : ` → ${entryFn}`} (I)`}
      >
        Invalidate all pages
      </button>
      <button
        type="button"
        className="fz-btn"
        onClick={onShrink}
        disabled={disabled}
        aria-label="Memory pressure (shrink)"
        title="The host shrinker calls mmu_shrink (M)"
      >
        Memory pressure
      </button>
    </div>
  );
}
