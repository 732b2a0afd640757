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
