import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Frame, PageState, PageView, StrategyNames } from '../trace/frame.ts';
import { Forest } from './forest/Forest.tsx';
import { TimeControls } from './controls/TimeControls.tsx';
import { Interventions } from './controls/Interventions.tsx';
import { ActiveListStrip } from './panels/ActiveListStrip.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { useKeyboardShortcuts, type ShortcutHandlers } from './useKeyboardShortcuts.ts';

afterEach(cleanup);

function page(id: number, level: number, gfn: number, parent: number | null, gen: number, state: PageState): PageView {
  return {
    id,
    level,
    gfn,
    gen,
    epoch: gen,
    state,
    invalid: state === 'invalid-root',
    parent,
    index: 0,
    parents: parent === null ? [] : [parent],
    rootCount: level === 4 ? 2 : 0,
    leaves: level === 1 ? 512 : 0,
    children: level > 1 ? 1 : 0,
    unsync: false,
    createdAt: 0,
    changedAt: 41,
    freedAt: null,
  };
}

/** fast-3.11's names, as the fold gives them. */
const FAST_311_NAMES: StrategyNames = {
  strategy: 'fast-3.11',
  label: 'fast invalidate (Linux 3.11)',
  entryFn: 'kvm_mmu_invalidate_zap_all_pages',
  walkFn: 'kvm_zap_obsolete_pages',
  walkList: 'active_mmu_pages',
  walkFrom: 'tail',
  zapList: 'zapped_obsolete_pages',
  batchLimit: 10,
  lockBreakFn: 'cond_resched_lock',
  genRule: 'increment',
  bumpFn: 'kvm_mmu_invalidate_zap_all_pages',
  source: 'https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/arch/x86/kvm/mmu.c?id=365c886860c4',
};

function frame(pages: PageView[], globalGen = 1): Frame {
  return {
    cursor: 42,
    tNs: 300_000,
    globalGen,
    epoch: globalGen,
    names: FAST_311_NAMES,
    detail: true,
    pageCount: pages.length,
    pages,
    aggregate: [],
    activeList: pages.map((p) => p.id),
    activeStates: null,
    zappedCount: 0,
    nUsed: pages.length,
    vcpus: [
      {
        id: 0,
        activity: 'spinning',
        root: 1,
        inGuest: false,
        paused: false,
        reqReload: true,
        reqTlbFlush: false,
        faults: 3,
        faultGfn: null,
      },
      { id: 1, activity: 'guest', root: 1, inGuest: true, paused: false, reqReload: false, reqTlbFlush: false, faults: 5, faultGfn: null },
    ],
    lock: { holder: 'zapper', heldSinceNs: 300_000, waiters: ['vcpu0'] },
    zapper: { active: true, batch: 0, cursor: null, breaks: [], batches: [], batchSizes: [] },
    last: null,
  };
}

const PAGES = [
  page(1, 4, 0, null, 0, 'invalid-root'),
  page(2, 3, 0, 1, 0, 'obsolete'),
  page(3, 2, 0, 2, 0, 'obsolete'),
  page(4, 1, 0, 3, 0, 'zapped'),
  page(5, 1, 512, null, 0, 'obsolete'),
  page(9, 4, 0, null, 1, 'valid'),
];

describe('the forest keeps the testing contract', () => {
  it('draws every page with data-page-id, data-level, data-gen and data-state', () => {
    const { container } = render(
      <Forest frame={frame(PAGES)} pages={PAGES} layoutKey="t" selected={null} onSelect={() => undefined} reducedMotion />,
    );
    const drawn = container.querySelectorAll('[data-page-id]');
    expect(drawn).toHaveLength(PAGES.length);
    for (const p of PAGES) {
      const el = container.querySelector(`[data-page-id="${p.id}"]`);
      expect(el?.getAttribute('data-level')).toBe(String(p.level));
      expect(el?.getAttribute('data-gen')).toBe(String(p.gen));
      expect(el?.getAttribute('data-state')).toBe(p.state);
      expect(el?.getAttribute('aria-label')).toContain(`Page ${p.id}`);
    }
  });

  it('selects a page by mouse and moves the selection with the arrow keys', () => {
    const onSelect = vi.fn();
    const { container } = render(
      <Forest frame={frame(PAGES)} pages={PAGES} layoutKey="t" selected={4} onSelect={onSelect} reducedMotion />,
    );
    const p2 = container.querySelector('[data-page-id="2"]');
    if (!p2) throw new Error('no page 2');
    fireEvent.click(p2);
    expect(onSelect).toHaveBeenLastCalledWith(2);
    const p4 = container.querySelector('[data-page-id="4"]');
    if (!p4) throw new Error('no page 4');
    expect(p4.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(p4, { key: 'ArrowRight' });
    expect(onSelect).toHaveBeenLastCalledWith(5);
    fireEvent.keyDown(p4, { key: 'ArrowUp' });
    expect(onSelect).toHaveBeenLastCalledWith(3);
  });
});

describe('controls have accessible names', () => {
  const noop = () => undefined;
  it('time controls', () => {
    render(
      <TimeControls
        playing={false}
        ready
        atStart={false}
        atEnd={false}
        speed={{ index: 3, label: '10 µs/s', min: false, max: false }}
        speedCount={16}
        commands={{
          play: noop,
          pause: noop,
          stepBack: noop,
          stepForward: noop,
          prevLandmark: noop,
          nextLandmark: noop,
          slower: noop,
          faster: noop,
          setSpeedIndex: noop,
        }}
      />,
    );
    for (const name of ['Play', 'Step forward', 'Step back', 'Previous landmark', 'Next landmark', 'Slower', 'Faster']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    expect(screen.getByRole('slider', { name: 'Speed' })).toBeTruthy();
  });
  it('interventions and the error banner', () => {
    const onReset = vi.fn();
    render(
      <>
        <Interventions disabled={false} entryFn="kvm_mmu_zap_all" onInvalidate={noop} onShrink={noop} />
        <ErrorBanner code="E_WORKER_CRASHED" message="The worker stopped." resettable onReset={onReset} onDismiss={noop} />
      </>,
    );
    // The running strategy's entry function (here zap-all's), not 3.11's.
    expect(screen.getByRole('button', { name: /Invalidate all pages/ }).getAttribute('title')).toBe(
      'kvm_arch_flush_shadow_memslot → kvm_mmu_zap_all (I)',
    );
    expect(screen.getByRole('button', { name: /Memory pressure/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onReset).toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('The worker stopped.');
  });
});

describe('the active_mmu_pages strip', () => {
  it('brackets batches and marks lock breaks', () => {
    const f = {
      ...frame(PAGES.slice(0, 3)),
      zapper: { active: true, batch: 2, cursor: 5, breaks: [50], batches: [[4], [5]], batchSizes: [1, 1] },
    };
    const { container } = render(<ActiveListStrip frame={f} selected={null} onSelect={() => undefined} />);
    expect(container.querySelectorAll('[data-strip-batch]')).toHaveLength(2);
    expect(container.querySelectorAll('[data-strip-break]')).toHaveLength(1);
    // After the second break, before the third batch has a page: both breaks are drawn.
    const f2 = { ...f, zapper: { ...f.zapper, breaks: [50, 60], batches: [[4], [5], []], batchSizes: [1, 1, 0] } };
    const again = render(<ActiveListStrip frame={f2} selected={null} onSelect={() => undefined} />);
    expect(again.container.querySelectorAll('[data-strip-break]')).toHaveLength(2);
    expect(container.querySelector('[data-strip-cursor]')).toBeTruthy();
  });
});

function Keys({ h, enabled }: { h: ShortcutHandlers; enabled: boolean }) {
  useKeyboardShortcuts(h, enabled);
  return <input type="text" aria-label="typing" />;
}

describe('keyboard shortcuts', () => {
  const make = (): ShortcutHandlers => ({
    togglePlay: vi.fn(),
    stepForward: vi.fn(),
    stepBack: vi.fn(),
    nextLandmark: vi.fn(),
    prevLandmark: vi.fn(),
    faster: vi.fn(),
    slower: vi.fn(),
    toggleHelp: vi.fn(),
    closeHelp: vi.fn(),
    toggleLargeType: vi.fn(),
    toggleComputing: vi.fn(),
  });
  it('maps Space, arrows, Shift+arrows, +, −, ? and S', () => {
    const h = make();
    render(<Keys h={h} enabled />);
    fireEvent.keyDown(document.body, { key: ' ' });
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    fireEvent.keyDown(document.body, { key: 'ArrowLeft', shiftKey: true });
    fireEvent.keyDown(document.body, { key: '+' });
    fireEvent.keyDown(document.body, { key: '-' });
    fireEvent.keyDown(document.body, { key: '?' });
    fireEvent.keyDown(document.body, { key: 's' });
    expect(h.togglePlay).toHaveBeenCalledOnce();
    expect(h.toggleComputing).toHaveBeenCalledOnce();
    expect(h.stepForward).toHaveBeenCalledOnce();
    expect(h.prevLandmark).toHaveBeenCalledOnce();
    expect(h.faster).toHaveBeenCalledOnce();
    expect(h.slower).toHaveBeenCalledOnce();
    expect(h.toggleHelp).toHaveBeenCalledOnce();
  });
  it('leaves typing alone, and can be turned off', () => {
    const h = make();
    const { rerender } = render(<Keys h={h} enabled />);
    fireEvent.keyDown(screen.getByRole('textbox'), { key: ' ' });
    expect(h.togglePlay).not.toHaveBeenCalled();
    rerender(<Keys h={h} enabled={false} />);
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(h.stepForward).not.toHaveBeenCalled();
  });
});
