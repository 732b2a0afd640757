/**
 * The fold from the event log to a Frame at any cursor (cursor = events applied). Incremental:
 * one mutable fold state moves forward event by event; checkpoints of it (packed, foldPack.ts)
 * make seeking back cheap (restore the nearest one at or before the cursor, re-apply). Pure: the
 * same log and cursor give the same frame whatever the path taken to get there.
 */
import { CheckpointStore, pagedCodec, policyOf, type CheckpointOptions, type CheckpointPolicy } from '../sim/checkpoints.ts';
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

/** The Folder's options: its run (vCPUs and strategy names, names.ts `foldRunOf`) and checkpoint options (defaults: FOLD_CHECKPOINTS). */
export type FolderOptions = FoldRun & CheckpointOptions;

/** Least events between fold checkpoints per page (packing a fold page costs about two events). */
const FOLD_EVENTS_PER_PAGE = 2;
/** The Folder's default checkpoint policy; 48 MiB hold a dozen checkpoints of the largest preset (~4 MiB each). */
const FOLD_CHECKPOINTS: CheckpointPolicy = {
  every: 1024,
  eventsPerPage: FOLD_EVENTS_PER_PAGE,
  maxCount: 40,
  maxBytes: 48 * 1024 * 1024,
};

/** Fold states, packed as foldPack.ts packs them. */
const FOLD_STATE_CODEC = pagedCodec<FoldState, PackedFold>(packFold, unpackFold);

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
  private readonly checkpoints: CheckpointStore<FoldState, PackedFold>;

  constructor(log: EventSource, opts: FolderOptions) {
    this.log = log;
    this.checkpoints = new CheckpointStore(FOLD_STATE_CODEC, policyOf(FOLD_CHECKPOINTS, opts));
    this.live = createFoldState(opts);
    this.checkpoints.add(0, this.live);
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
      const cp = this.checkpoints.atOrBefore(target);
      if (cp.at - this.live.cursor > FOLD_EVENTS_PER_PAGE * cp.pages + 256) this.live = this.checkpoints.unpack(cp);
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
    const last = this.checkpoints.last!;
    if (this.live.cursor >= target || last.at >= target) return;
    if (!this.scout || this.scout.cursor < last.at) this.scout = this.checkpoints.unpack(last);
    this.advance(this.scout, target);
  }

  /** Drop the state that folds ahead (when nothing more will be computed: it is memory). */
  dropScout(): void {
    this.scout = null;
  }

  /** The log was cut to `n` events (a fork): forget everything folded beyond it. */
  truncate(n: number): void {
    this.checkpoints.truncate(n);
    if (this.live.cursor > n) this.restore(n);
    if (this.scout && this.scout.cursor > n) this.scout = null;
  }

  /** Number of checkpoints held (for tests and diagnostics). */
  get checkpointCount(): number {
    return this.checkpoints.count;
  }

  /** Bytes held by the checkpoints (for diagnostics). */
  get checkpointBytes(): number {
    return this.checkpoints.bytes;
  }

  /** Apply events to `s` up to `target`, laying a checkpoint whenever one is due. */
  private advance(s: FoldState, target: number): void {
    while (s.cursor < target) {
      const e = this.log.at(s.cursor);
      if (!e) throw new Error(`fold: no event ${s.cursor} in a log of ${this.log.length}`);
      if (e.i !== s.cursor) throw new Error(`fold: event ${e.i} found at index ${s.cursor}`);
      applyEvent(s, e);
      if (this.checkpoints.due(s.cursor, s)) this.checkpoints.add(s.cursor, s);
    }
  }

  private restore(target: number): void {
    this.live = this.checkpoints.unpack(this.checkpoints.atOrBefore(target));
  }
}
