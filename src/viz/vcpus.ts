/**
 * Where the vCPUs stand in the forest: in a row above the roots, each over the root it has
 * loaded (several sharing a root stand side by side), so its arrow is short and a reload visibly
 * moves it from the old tree to the new one. A vCPU with no root (INVALID_PAGE) waits over the
 * current generation's band, where its next root will appear.
 */
import type { ForestLayout } from './layout.ts';

export interface VcpuSpot {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  /** The root's position, when it is drawn. */
  readonly target: { readonly x: number; readonly y: number } | null;
}

export interface VcpuInput {
  readonly id: number;
  readonly root: number | null;
}

export function placeVcpus(
  vcpus: readonly VcpuInput[],
  layout: ForestLayout,
  globalGen: number,
  spacing: number,
  rowY: number,
): VcpuSpot[] {
  const groups = new Map<string, VcpuInput[]>();
  // Bands are in bump order: the current generation's is the last one with its value.
  const current = [...layout.bands].reverse().find((b) => b.gen === globalGen) ?? layout.bands[layout.bands.length - 1];
  const waitX = current ? (current.x0 + current.x1) / 2 : 0;
  for (const v of vcpus) {
    const key = v.root !== null && layout.nodes.has(v.root) ? `r${v.root}` : 'none';
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  // Groups left to right; a group that would overlap the previous one is pushed right.
  const placed = [...groups.entries()]
    .map(([key, members]) => {
      const root = key === 'none' ? undefined : layout.nodes.get(Number(key.slice(1)));
      return { members, root, cx: root ? root.x : waitX };
    })
    .sort((a, b) => a.cx - b.cx || (a.root ? 0 : 1) - (b.root ? 0 : 1));
  const out: VcpuSpot[] = [];
  let end = -Infinity;
  for (const g of placed) {
    const half = ((g.members.length - 1) / 2) * spacing;
    const cx = Math.max(g.cx, end + spacing + half);
    g.members.forEach((v, i) => {
      out.push({ id: v.id, x: cx - half + i * spacing, y: rowY, target: g.root ? { x: g.root.x, y: g.root.y } : null });
    });
    end = cx + half;
  }
  return out.sort((a, b) => a.id - b.id);
}
