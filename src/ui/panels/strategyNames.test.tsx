/**
 * The lock panel and the active-list strip say the running strategy's names (Frame.names), not
 * 3.11's: a zap-all run has no kvm_zap_obsolete_pages, no zapped_obsolete_pages and no batches.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { Frame, LockView, StrategyNames, ZapperView } from '../../trace/frame.ts';
import { ActiveListStrip } from './ActiveListStrip.tsx';
import { LockPanel } from './LockPanel.tsx';

afterEach(cleanup);

const common = {
  label: '',
  walkList: 'active_mmu_pages',
  genRule: 'increment',
  bumpFn: 'kvm_mmu_invalidate_zap_all_pages',
  source: 'https://example.org',
} as const;
const ZAP_ALL: StrategyNames = {
  ...common,
  strategy: 'zap-all',
  entryFn: 'kvm_mmu_zap_all',
  walkFn: 'kvm_mmu_zap_all',
  walkFrom: 'head',
  zapList: 'invalid_list',
  batchLimit: null,
  lockBreakFn: null,
};
const FAST_311: StrategyNames = {
  ...common,
  strategy: 'fast-3.11',
  entryFn: 'kvm_mmu_invalidate_zap_all_pages',
  walkFn: 'kvm_zap_obsolete_pages',
  walkFrom: 'tail',
  zapList: 'zapped_obsolete_pages',
  batchLimit: 10,
  lockBreakFn: 'cond_resched_lock',
};
const FIRST_PATCH: StrategyNames = { ...FAST_311, strategy: 'fast-5304b8d', zapList: 'invalid_list', batchLimit: null };

const lock: LockView = { holder: 'zapper', heldSinceNs: 0, waiters: ['vcpu0', 'vcpu1'] };
/** The zapper 1,026 pages into a walk with no break (zap-all on the large guest). */
const zapper: ZapperView = { active: true, batch: 1026, cursor: 7, breaks: [], batches: null, batchSizes: [1026] };

function frame(names: StrategyNames, z: ZapperView = zapper): Frame {
  return {
    cursor: 5000,
    tNs: 1_000_000,
    globalGen: 0,
    epoch: 0,
    names,
    detail: false,
    pageCount: 1100,
    pages: null,
    aggregate: [],
    activeList: null,
    activeStates: new Uint8Array(60),
    zappedCount: 1026,
    nUsed: 60,
    vcpus: [],
    lock,
    zapper: z,
    last: null,
  };
}

const textOf = (el: Element) =>
  `${el.textContent ?? ''} ${[...el.querySelectorAll('[aria-label]')].map((x) => x.getAttribute('aria-label')).join(' ')}`;

describe('names per strategy in the lock panel and the strip', () => {
  it('zap-all: kvm_mmu_zap_all in one hold, invalid_list, no batch meter', () => {
    const panel = render(<LockPanel lock={lock} zapper={zapper} tNs={1_000_000} names={ZAP_ALL} />).container;
    const strip = render(<ActiveListStrip frame={frame(ZAP_ALL)} selected={null} onSelect={() => undefined} />).container;
    const said = `${textOf(panel)} ${textOf(strip)}`;
    expect(panel.textContent).toContain('zapper: kvm_mmu_zap_all');
    expect(panel.textContent).toContain('1026 prepared in one hold · no batches');
    expect(panel.textContent).toContain('no lock breaks');
    expect(strip.textContent).toContain('1,026 on invalid_list');
    expect(strip.textContent).toContain('zapped in one hold');
    expect(said).not.toMatch(/kvm_zap_obsolete_pages|zapped_obsolete_pages|1026\/10|batch(es)? zapped|cond_resched_lock/);
    expect(screen.queryByLabelText(/^batch \d+ of/)).toBeNull();
  });

  it('fast-3.11: kvm_zap_obsolete_pages, a BATCH_ZAP_PAGES meter, zapped_obsolete_pages', () => {
    const inBatch: ZapperView = { ...zapper, batch: 3, breaks: [10, 20], batchSizes: [10, 10, 3] };
    const panel = render(<LockPanel lock={lock} zapper={inBatch} tNs={1_000_000} names={FAST_311} />).container;
    expect(panel.textContent).toContain('zapper: kvm_zap_obsolete_pages');
    expect(screen.getByLabelText('batch 3 of 10 pages since the last lock break').textContent).toBe('3/10');
    expect(panel.textContent).toContain('2 lock breaks');
    const strip = render(<ActiveListStrip frame={frame(FAST_311, inBatch)} selected={null} onSelect={() => undefined} />).container;
    expect(strip.textContent).toContain('on zapped_obsolete_pages');
    expect(strip.textContent).toContain('zapped in batches');
  });

  it('fast-5304b8d: lock breaks with no minimum batch', () => {
    const panel = render(<LockPanel lock={lock} zapper={{ ...zapper, batch: 2 }} tNs={1_000_000} names={FIRST_PATCH} />).container;
    expect(panel.textContent).toContain('2 since the last lock break · no minimum batch');
    expect(screen.queryByLabelText(/^batch \d+ of/)).toBeNull();
  });
});
