/** Keyboard movement between pages: along a row, up to the parent, down to the first child. */
import type { PageView } from '../../trace/frame.ts';
import type { ForestLayout } from '../../viz/layout.ts';

export type Direction = 'left' | 'right' | 'up' | 'down' | 'first' | 'last';

export function neighbour(layout: ForestLayout, pages: readonly PageView[], from: number, dir: Direction): number | null {
  const here = layout.nodes.get(from);
  if (!here) return null;
  const all = [...layout.nodes.values()];
  const nearestIn = (level: number) => {
    const row = all.filter((n) => n.level === level);
    row.sort((a, b) => Math.abs(a.x - here.x) - Math.abs(b.x - here.x) || a.x - b.x);
    return row[0]?.id ?? null;
  };
  const row = all.filter((n) => n.level === here.level).sort((a, b) => a.x - b.x || a.id - b.id);
  const i = row.findIndex((n) => n.id === from);
  switch (dir) {
    case 'left':
      return row[i - 1]?.id ?? null;
    case 'right':
      return row[i + 1]?.id ?? null;
    case 'first':
      return row[0]?.id ?? null;
    case 'last':
      return row[row.length - 1]?.id ?? null;
    case 'up': {
      const parent = pages.find((p) => p.id === from)?.parent ?? null;
      return parent !== null && layout.nodes.has(parent) ? parent : nearestIn(here.level + 1);
    }
    case 'down': {
      const kids = layout.edges.filter((e) => e.source === from).map((e) => layout.nodes.get(e.target));
      const first = kids.filter((k) => k !== undefined).sort((a, b) => a.x - b.x)[0];
      return first?.id ?? nearestIn(here.level - 1);
    }
  }
}
