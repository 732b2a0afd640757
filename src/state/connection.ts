/**
 * The store's line to the simulations, kept outside the store because components never read it:
 * one client (made on first use, replaced after a crash) and, per sim, the bookkeeping of what is
 * on its way — an epoch that voids replies to an older load, the frame pump's state
 * (framePump.ts) and the compute-ahead loop's state (computeAhead.ts).
 */
import type { ProtocolError } from '../protocol/errors.ts';
import type { SimClient } from '../client/client.ts';
import type { FrameTarget, LandmarkScan, Progress, SimId } from '../protocol/messages.ts';
import type { TimedIntervention } from '../sim/public.ts';

/** A frame asked for, and what to do when it lands. */
interface FrameRequest {
  readonly target: FrameTarget;
  /** Set the clock (playback.tNs) to the frame's time too (a cursor seek of the primary). */
  readonly syncClock: boolean;
}

/** The frame pump of one sim: latest target wins, one request in flight. */
interface FramePumpState {
  /** Latest frame request not yet sent. */
  pending: FrameRequest | null;
  /** The running pump, if any (resolves when nothing is pending). */
  running: Promise<void> | null;
  /** The cursor a step or seek asked for whose frame has not landed (steps count from it). */
  wantCursor: number | null;
  /** When the user last asked for a frame by stepping or seeking (ms, the store's clock). */
  lastSeekMs: number;
  /** An event-window request is on its way. */
  windowBusy: boolean;
}

/** The compute-ahead loop of one sim, and what it found that is not in the store yet. */
export interface ComputeAheadState {
  running: boolean;
  /** The user stopped computing (Stop computing): nothing computes ahead until they continue. */
  stopped: boolean;
  /** Events already scanned for landmarks. */
  scanned: number;
  /** Landmarks scanned and not yet written to the store. */
  landmarks: LandmarkScan | null;
  /** Progress not yet written to the store. */
  progress: Progress | null;
  /** When progress was last written to the store (ms, the store's clock). */
  lastFlushMs: number;
}

/** What a load asked for: a reset reopens it if the load never landed. */
export interface LoadRequest {
  readonly interventions: readonly TimedIntervention[];
  readonly cursor: number | undefined;
}

export interface SimRuntime {
  /** Bumped by load/unload: replies for an older epoch are dropped. */
  epoch: number;
  /** The latest load's interventions and cursor. */
  load: LoadRequest;
  readonly frames: FramePumpState;
  readonly compute: ComputeAheadState;
}

function newRuntime(): SimRuntime {
  return {
    epoch: 0,
    load: { interventions: [], cursor: undefined },
    frames: { pending: null, running: null, wantCursor: null, lastSeekMs: Number.NEGATIVE_INFINITY, windowBusy: false },
    compute: { running: false, stopped: false, scanned: 0, landmarks: null, progress: null, lastFlushMs: Number.NEGATIVE_INFINITY },
  };
}

export class SimConnection {
  private current: SimClient | null = null;
  private epochs = 0;
  private readonly runtimes = new Map<SimId, SimRuntime>();

  /**
   * @param makeClient makes a client (again after `renewClient`).
   * @param onFault the current client's transport failed (a crash): the store shows it.
   */
  constructor(
    private readonly makeClient: () => SimClient,
    private readonly onFault: (e: ProtocolError) => void,
  ) {}

  /** The client, made on first use. */
  client(): SimClient {
    return (this.current ??= this.attach(this.makeClient()));
  }

  /** Replace the client (reset after a crash). */
  renewClient(): SimClient {
    this.current?.close();
    this.current = this.attach(this.makeClient());
    return this.current;
  }

  /** The bookkeeping of `sim` (made on first use). */
  runtime(sim: SimId): SimRuntime {
    let r = this.runtimes.get(sim);
    if (!r) this.runtimes.set(sim, (r = newRuntime()));
    return r;
  }

  /** Is `epoch` still the current one of `sim` (no load or unload since)? */
  isCurrent(sim: SimId, epoch: number): boolean {
    return this.runtimes.get(sim)?.epoch === epoch;
  }

  /**
   * A new epoch for `sim`: every reply still on its way for it is void, nothing is pending and
   * compute-ahead starts over. A pump still awaiting its reply finishes and drops it.
   */
  renew(sim: SimId): SimRuntime {
    const rt = this.runtime(sim);
    rt.epoch = ++this.epochs;
    rt.frames.pending = null;
    rt.frames.wantCursor = null;
    rt.compute.running = false;
    rt.compute.stopped = false;
    rt.compute.scanned = 0;
    rt.compute.landmarks = null;
    rt.compute.progress = null;
    return rt;
  }

  /** Forget `sim` (unloaded): void its replies, drop its bookkeeping. */
  drop(sim: SimId): void {
    this.renew(sim);
    this.runtimes.delete(sim);
  }

  /** Void every reply on its way and close the client (the store is destroyed). */
  close(): void {
    for (const id of this.runtimes.keys()) this.renew(id);
    this.current?.close();
    this.current = null;
  }

  private attach(c: SimClient): SimClient {
    c.onFault((e) => {
      if (c === this.current) this.onFault(e);
    });
    return c;
  }
}
