export interface GenerationDisplayProps {
  readonly gen: number;
  /** Event index of the last bump (restarts the animation when it changes); null if none yet. */
  readonly bumpedAt: number | null;
  readonly obsolete: number;
  readonly nUsed: number;
}

/** kvm->arch.mmu_valid_gen, large; it flips and glows on a bump (not under reduced motion). */
export function GenerationDisplay({ gen, bumpedAt, obsolete, nUsed }: GenerationDisplayProps) {
  return (
    <div className="fz-gen" role="group" aria-label="Global generation">
      <div className="fz-gen-name">
        <code>kvm-&gt;arch.mmu_valid_gen</code>
      </div>
      <output
        key={bumpedAt ?? 'none'}
        className={`fz-gen-value${bumpedAt !== null ? ' is-bumped' : ''}`}
        aria-live="polite"
        aria-label={`mmu_valid_gen is ${gen}`}
      >
        {gen}
      </output>
      <div className="fz-gen-stats">
        <span>{`n_used_mmu_pages ${nUsed.toLocaleString('en-US')}`}</span>
        <span className={obsolete > 0 ? 'fz-gen-obsolete' : ''}>{`${obsolete.toLocaleString('en-US')} obsolete`}</span>
      </div>
    </div>
  );
}
