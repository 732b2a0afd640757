/**
 * The fold from the event log to a Frame at any cursor (cursor = events applied). Incremental:
 * one mutable fold state moves forward event by event; checkpoints of it (packed, foldPack.ts)
 * make seeking back cheap (restore the nearest one at or before the cursor, re-apply). Pure: the
 * same log and cursor give the same frame whatever the path taken to get there.
 */
import type { SimEvent } from '../sim/events.ts';
import type { Frame } from './frame.ts';
import { applyEvent } from './foldApply.ts';
import { packFold, unpackFold, type PackedFold } from './foldPack.ts';
import { createFoldState, type FoldRun, type FoldState } from './foldState.ts';
import { frameOf } from './frameOf.ts';

/** What the fold reads: an array of events, or the Timeline's compact EventLog. */
export interface EventSource {
  readonly length: number;
  at(index: number): SimEvent | undefined;
}

/** `vcpus`: the run's vCPU count (all start outside the guest); `names`: its strategy's (names.ts `foldRunOf`). */
export interface FolderOptions extends FoldRun {
  /** Minimum events between checkpoints; the real spacing also grows with the page count. */
  readonly checkpointEvery?: number;
  /** Checkpoint budget: when full, every other one is dropped and the spacing doubles. */
  readonly maxCheckpoints?: number;
  /** Memory budget: pages held by all checkpoints together. */
  readonly maxCheckpointPages?: number;
  /** Memory budget: bytes held by all (packed) checkpoints together. */
  readonly maxCheckpointBytes?: number;
}

/** Default byte budget of the fold's checkpoints (a dozen of the largest preset's, ~4 MiB each). */
export const DEFAULT_FOLD_CHECKPOINT_BYTES = 48 * 1024 * 1024;

/** Fold `log[0, cursor)` from scratch (the reference the Folder must agree with). */
export function foldTo(log: EventSource, cursor: number, run: FoldRun): FoldState {
  const s = createFoldState(run);
  const end = Math.min(cursor, log.length);
  for (let i = 0; i < end; i++) applyEvent(s, log.at(i)!);
  return s;
}

export class Folder {
  /** The log being folded; shared with its owner (a Timeline), which may grow or truncate it. */
  private readonly log: EventSource;
  private live: FoldState;
  /** A second state that folds ahead in the background (prefold). */
  private scout: FoldState | null = null;
  private checkpoints: PackedFold[];
  private every: number;
  private readonly maxCheckpoints: number;
  private readonly maxCheckpointPages: number;
  private readonly maxCheckpointBytes: number;

  constructor(log: EventSource, opts: FolderOptions) {
    this.log = log;
    this.every = opts.checkpointEvery ?? 1024;
    this.maxCheckpoints = opts.maxCheckpoints ?? 40;
    this.maxCheckpointPages = opts.maxCheckpointPages ?? Number.POSITIVE_INFINITY;
    this.maxCheckpointBytes = opts.maxCheckpointBytes ?? DEFAULT_FOLD_CHECKPOINT_BYTES;
    this.live = createFoldState(opts);
    this.checkpoints = [packFold(this.live)];
  }

  /** Events the log holds (the furthest cursor a frame can show). */
  get length(): number {
    return this.log.length;
  }

  /** The fold state after `cursor` events (clamped to the log); read it, do not keep it. */
  stateAt(cursor: number): Readonly<FoldState> {
    const target = Math.max(0, Math.min(Math.floor(cursor), this.log.length));
    if (target < this.live.cursor) this.restore(target);
    else {
      // Far behind a checkpoint at or before the target: start from it rather than replay.
      const cp = this.checkpointAtOrBefore(target);
      if (cp.cursor - this.live.cursor > 2 * cp.pageCount + 256) this.live = unpackFold(cp);
    }
    this.advance(this.live, target);
    return this.live;
  }

  /** The frame after `cursor` events (clamped to the log). */
  frameAt(cursor: number, detail: 'auto' | 'aggregate' = 'auto'): Frame {
    const s = this.stateAt(cursor);
    return frameOf(s, { detail, last: s.cursor > 0 ? (this.log.at(s.cursor - 1) ?? null) : null });
  }

  /**
   * Fold ahead to `cursor` with a second state, only to lay checkpoints (the live state stays
   * where the UI is), so that a later seek anywhere costs at most one checkpoint spacing.
   */
  prefold(cursor: number): void {
    const target = Math.min(Math.floor(cursor), this.log.length);
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    if (this.live.cursor >= target || last.cursor >= target) return;
    if (!this.scout || this.scout.cursor < last.cursor) this.scout = unpackFold(last);
    this.advance(this.scout, target);
  }

  /** Drop the state that folds ahead (when nothing more will be computed: it is memory). */
  dropScout(): void {
    this.scout = null;
  }

  /** The log was cut to `n` events (a fork): forget everything folded beyond it. */
  truncate(n: number): void {
    this.checkpoints = this.checkpoints.filter((c) => c.cursor <= n);
    if (this.live.cursor > n) this.restore(n);
    if (this.scout && this.scout.cursor > n) this.scout = null;
  }

  /** Number of checkpoints held (for tests and diagnostics). */
  get checkpointCount(): number {
    return this.checkpoints.length;
  }

  /** Bytes held by the checkpoints (for diagnostics). */
  get checkpointBytes(): number {
    return this.checkpoints.reduce((b, c) => b + c.bytes, 0);
  }

  /** Apply events to `s` up to `target`, laying a checkpoint whenever it passes the spacing. */
  private advance(s: FoldState, target: number): void {
    let last = this.checkpoints[this.checkpoints.length - 1]!.cursor;
    while (s.cursor < target) {
      const e = this.log.at(s.cursor);
      if (!e) throw new Error(`fold: no event ${s.cursor} in a log of ${this.log.length}`);
      if (e.i !== s.cursor) throw new Error(`fold: event ${e.i} found at index ${s.cursor}`);
      applyEvent(s, e);
      // Packing costs O(pages): space checkpoints at least twice the page count apart.
      if (s.cursor - last >= this.every && s.cursor - last >= 2 * s.pages.size) {
        this.takeCheckpoint(s);
        last = this.checkpoints[this.checkpoints.length - 1]!.cursor;
      }
    }
  }

  private takeCheckpoint(s: FoldState): void {
    if (s.cursor <= this.checkpoints[this.checkpoints.length - 1]!.cursor) return;
    this.checkpoints.push(packFold(s));
    for (;;) {
      let pages = 0;
      let bytes = 0;
      for (const c of this.checkpoints) {
        pages += c.pageCount;
        bytes += c.bytes;
      }
      const over = this.checkpoints.length > this.maxCheckpoints || pages > this.maxCheckpointPages || bytes > this.maxCheckpointBytes;
      if (!over || this.checkpoints.length <= 2) return;
      this.checkpoints = this.checkpoints.filter((_, k) => k % 2 === 0);
      this.every *= 2;
    }
  }

  private restore(target: number): void {
    this.live = unpackFold(this.checkpointAtOrBefore(target));
  }

  private checkpointAtOrBefore(k: number): PackedFold {
    const cps = this.checkpoints;
    let lo = 0;
    let hi = cps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cps[mid]!.cursor <= k) lo = mid;
      else hi = mid - 1;
    }
    return cps[lo]!;
  }
}
