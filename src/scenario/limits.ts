/**
 * Limits on links and files (also in the README). Decoding checks them before doing work, so a
 * hostile link costs at most a few milliseconds and a bounded amount of memory.
 */
export const LINK_LIMITS = {
  /** Characters after `#`. Browsers take far longer URLs; this keeps decoding cheap. */
  maxHashChars: 16 * 1024,
  /** Bytes (UTF-8) of JSON a link may inflate to; inflating stops past it. */
  maxJsonBytes: 256 * 1024,
  /** Nesting of arrays/objects in that JSON (a scenario needs 5). */
  maxJsonDepth: 32,
  /** Interventions made interactively (a class makes a handful; this bounds validation time). */
  maxInterventions: 200,
  /** Event indices (cursor, `atEvent`). */
  maxEventIndex: 0xffffffff,
  /** Page ids (the selected page). */
  maxPageId: 0x7fffffff,
  minZoom: 0.01,
  maxZoom: 100,
} as const;

export const FILE_LIMITS = {
  /** Bytes of a scenario file (the largest valid scenario is well under 200 KiB). */
  maxBytes: 1024 * 1024,
  maxJsonDepth: 32,
} as const;

/**
 * What one run may cost the worker (and so the tab). The worker stops computing a run at the first
 * of these and says what was cut; the editor warns before Apply (cost.ts estimates a scenario's
 * cost before it runs). The presets stay well inside them (the largest logs ~1.2 M events).
 */
export const RUN_BUDGET = {
  /** Events in the log (~30 bytes each, compact). */
  maxEvents: 10_000_000,
  /** Bytes held by the log and the checkpoints (the timeline's and the fold's). */
  maxBytes: 512 * 1024 * 1024,
  /**
   * Guest memory accesses simulated (each a page-table walk; a step makes up to 1024 of them
   * without emitting an event). Applied as a horizon in simulated time, from the estimate.
   */
  maxGuestAccesses: 200_000_000,
} as const;
