import { describe, expect, it } from 'vitest';
import { freedOpacity, progress, tweenById, tweenTransform } from './tween.ts';
import { fitTransform, labelTier } from './fit.ts';
import { layoutStrip } from './strip.ts';

describe('tweens are pure functions of time', () => {
  it('progress runs from 0 to 1 and is done at once with no duration (reduced motion)', () => {
    expect(progress(100, 400, 100)).toBe(0);
    expect(progress(100, 400, 300)).toBeCloseTo(0.5);
    expect(progress(100, 400, 900)).toBe(1);
    expect(progress(100, 0, 100)).toBe(1);
  });
  it('moves shared ids, fades new ones in and old ones out', () => {
    const from = new Map([
      [1, { x: 0, y: 0, opacity: 1 }],
      [2, { x: 10, y: 10, opacity: 1 }],
    ]);
    const to = new Map([
      [1, { x: 100, y: 50, opacity: 1 }],
      [3, { x: 5, y: 5, opacity: 1 }],
    ]);
    const mid = tweenById(from, to, 0.5);
    expect(mid.get(1)).toEqual({ x: 50, y: 25, opacity: 1 });
    expect(mid.get(3)?.opacity).toBeCloseTo(0.5);
    expect(mid.get(2)?.opacity).toBeCloseTo(0.5);
    const end = tweenById(from, to, 1);
    expect(end.has(2)).toBe(false);
    expect(end.get(3)).toEqual({ x: 5, y: 5, opacity: 1 });
  });
  it('zooms the camera in log space', () => {
    const t = tweenTransform({ x: 0, y: 0, k: 1 }, { x: 10, y: 10, k: 4 }, 0.5);
    expect(t.k).toBeCloseTo(2);
    expect(t.x).toBe(5);
  });
  it('fades freed pages over a number of events', () => {
    expect(freedOpacity(10, 10, 40)).toBe(1);
    expect(freedOpacity(10, 30, 40)).toBeCloseTo(0.5);
    expect(freedOpacity(10, 60, 40)).toBe(0);
  });
});

describe('camera and labels', () => {
  it('fits a box into the view, centred', () => {
    const t = fitTransform({ x0: 0, y0: 0, x1: 100, y1: 50 }, { width: 220, height: 220 }, 10, 10);
    expect(t.k).toBe(2);
    expect(t.x + t.k * 50).toBe(110);
    expect(t.y + t.k * 25).toBe(110);
  });
  it('shows more words as the zoom grows', () => {
    expect(labelTier(0.2, 26)).toBe('none');
    expect(labelTier(0.6, 26)).toBe('short');
    expect(labelTier(2, 26)).toBe('full');
  });
});

describe('the active_mmu_pages strip', () => {
  it('puts the head on the left and merges narrow cells into runs', () => {
    const active = new Uint8Array(100_000);
    active.fill(1, 0, 60_000); // tail side obsolete, head side valid
    const s = layoutStrip({
      active,
      ids: null,
      batches: [
        { size: 10, ids: null },
        { size: 4, ids: null },
      ],
      breaks: 1,
      stateOf: () => 'zapped',
      width: 1000,
    });
    expect(s.cells.length).toBeLessThan(10);
    expect(s.cells[0]?.state).toBe('valid');
    expect(s.cells[0]?.count).toBe(40_000);
    expect(s.batches.map((b) => b.n)).toEqual([2, 1]);
    expect(s.breaks).toHaveLength(1);
    expect(s.zapX).toBeGreaterThan(s.tailX);
  });
});
