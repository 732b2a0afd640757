/**
 * The time machine's memory: checkpoints of a state along an event log, generic over the state
 * and its packed form. The Timeline keeps simulation states (pack.ts), the Folder fold states
 * (trace/foldPack.ts); the policy is the same and lives here, once:
 *
 * - spacing: a checkpoint is due when at least `every` events have passed since the last one,
 *   and at least `eventsPerPage` events per page of the state (packing costs O(pages), so it
 *   stays a small share of the work between two checkpoints);
 * - thinning: when the checkpoints outgrow their count, byte or page budget, every other one is
 *   dropped (the first is kept) and `every` doubles, so a long run ends with a few checkpoints
 *   spread over all of it;
 * - lookup: the latest checkpoint at or before an event count (binary search);
 * - truncation: a fork drops the checkpoints past the point where the log was cut.
 *
 * Imports nothing: it knows states only through the codec it is given.
 */

/** How a store packs, unpacks and sizes its states. */
export interface CheckpointCodec<S, P> {
  /** A packed copy of `state` that shares nothing mutable with it. */
  pack(state: Readonly<S>): P;
  /** A fresh state equal to the one packed (a packed state can be unpacked again). */
  unpack(packed: P): S;
  /** Approximate bytes a packed state holds (the byte budget counts them). */
  bytes(packed: P): number;
  /** The state's size in pages: the spacing grows with it and the page budget counts it. */
  pages(state: Readonly<S>): number;
}

/** The codec of a state that holds its pages in a `pages` map, packed into something that knows its `bytes`. */
export function pagedCodec<S extends { readonly pages: { readonly size: number } }, P extends { readonly bytes: number }>(
  pack: (state: Readonly<S>) => P,
  unpack: (packed: P) => S,
): CheckpointCodec<S, P> {
  return { pack, unpack, bytes: (p) => p.bytes, pages: (s) => s.pages.size };
}

/** When to take checkpoints and how many to keep. */
export interface CheckpointPolicy {
  /** Least events between checkpoints to start with; doubles at every thinning. */
  readonly every: number;
  /** Least events between checkpoints per page of the state about to be checkpointed. */
  readonly eventsPerPage: number;
  /** Count budget: more than this many checkpoints are thinned (two are always kept). */
  readonly maxCount: number;
  /** Byte budget of all packed checkpoints together. */
  readonly maxBytes: number;
  /** Page budget of all checkpoints together (default: none). */
  readonly maxPages?: number;
}

/** What an owner of a store (Timeline, Folder) lets its caller set; the rest is its own default. */
export interface CheckpointOptions {
  /** Least events between checkpoints to start with; the spacing also grows with the state. */
  readonly checkpointEvery?: number;
  /** Count budget: when over it, every other checkpoint is dropped and the spacing doubles. */
  readonly maxCheckpoints?: number;
  /** Memory budget: bytes held by all (packed) checkpoints together. */
  readonly maxCheckpointBytes?: number;
  /** Memory budget: pages held by all checkpoints together. */
  readonly maxCheckpointPages?: number;
}

/** An owner's default policy with its caller's options applied. */
export function policyOf(defaults: CheckpointPolicy, opts: CheckpointOptions): CheckpointPolicy {
  return {
    every: opts.checkpointEvery ?? defaults.every,
    eventsPerPage: defaults.eventsPerPage,
    maxCount: opts.maxCheckpoints ?? defaults.maxCount,
    maxBytes: opts.maxCheckpointBytes ?? defaults.maxBytes,
    maxPages: opts.maxCheckpointPages ?? defaults.maxPages ?? Number.POSITIVE_INFINITY,
  };
}

/** One checkpoint: the state after `at` events, packed. */
export interface Checkpoint<P> {
  readonly at: number;
  readonly packed: P;
  readonly bytes: number;
  readonly pages: number;
}

export class CheckpointStore<S, P> {
  private readonly codec: CheckpointCodec<S, P>;
  private readonly policy: Required<CheckpointPolicy>;
  private list: Checkpoint<P>[] = [];
  private spacing: number;
  private totalBytes = 0;
  private totalPages = 0;

  constructor(codec: CheckpointCodec<S, P>, policy: CheckpointPolicy) {
    this.codec = codec;
    this.policy = { maxPages: Number.POSITIVE_INFINITY, ...policy };
    this.spacing = policy.every;
  }

  /** The checkpoints, oldest first (read them, do not keep them: thinning replaces the list). */
  get all(): readonly Checkpoint<P>[] {
    return this.list;
  }

  get count(): number {
    return this.list.length;
  }

  /** Bytes held by all packed checkpoints. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Pages held by all checkpoints. */
  get pages(): number {
    return this.totalPages;
  }

  /** Least events between checkpoints now (the policy's `every`, doubled at each thinning). */
  get every(): number {
    return this.spacing;
  }

  /** The latest checkpoint, if any. */
  get last(): Checkpoint<P> | undefined {
    return this.list[this.list.length - 1];
  }

  /** Is a checkpoint of `state`, after `at` events, due? (Always when the store is empty.) */
  due(at: number, state: Readonly<S>): boolean {
    const last = this.list[this.list.length - 1];
    if (!last) return true;
    const since = at - last.at;
    return since >= this.spacing && since >= this.policy.eventsPerPage * this.codec.pages(state);
  }

  /**
   * Keep a packed copy of `state` as the checkpoint after `at` events, then thin to the budgets.
   * Ignored unless `at` is past the last checkpoint (checkpoints stay in order, one per count).
   */
  add(at: number, state: Readonly<S>): void {
    const last = this.list[this.list.length - 1];
    if (last && at <= last.at) return;
    const packed = this.codec.pack(state);
    const cp: Checkpoint<P> = { at, packed, bytes: this.codec.bytes(packed), pages: this.codec.pages(state) };
    this.list.push(cp);
    this.totalBytes += cp.bytes;
    this.totalPages += cp.pages;
    this.thin();
  }

  /** The latest checkpoint at or before event count `k`; the first one when all are after `k`. */
  atOrBefore(k: number): Checkpoint<P> {
    const cps = this.list;
    if (cps.length === 0) throw new Error('checkpoints: the store is empty');
    let lo = 0;
    let hi = cps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cps[mid]!.at <= k) lo = mid;
      else hi = mid - 1;
    }
    return cps[lo]!;
  }

  /** A fresh state from a checkpoint. */
  unpack(cp: Checkpoint<P>): S {
    return this.codec.unpack(cp.packed);
  }

  /** The log was cut to `n` events: drop the checkpoints past it (those at `n` or before stay). */
  truncate(n: number): void {
    if ((this.last?.at ?? -1) <= n) return;
    this.list = this.list.filter((c) => c.at <= n);
    this.recount();
  }

  private over(): boolean {
    const p = this.policy;
    return this.list.length > p.maxCount || this.totalBytes > p.maxBytes || this.totalPages > p.maxPages;
  }

  /** Keep the first and every other one after it, and space new ones twice as far, until within budget. */
  private thin(): void {
    while (this.list.length > 2 && this.over()) {
      this.list = this.list.filter((_, i) => i % 2 === 0);
      this.spacing *= 2;
      this.recount();
    }
  }

  private recount(): void {
    this.totalBytes = 0;
    this.totalPages = 0;
    for (const c of this.list) {
      this.totalBytes += c.bytes;
      this.totalPages += c.pages;
    }
  }
}
