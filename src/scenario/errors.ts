/** One catalog of error codes, so tests and the UI match codes, not prose. */
export const ERRORS = {
  E_JSON: 'E_JSON', // not JSON
  E_SCHEMA: 'E_SCHEMA', // JSON, but not a valid scenario
  E_VERSION: 'E_VERSION', // a scenario version this build does not know
  E_PRESET: 'E_PRESET', // unknown preset name
  E_LINK_FORMAT: 'E_LINK_FORMAT', // the link's hash is not ours / malformed
  E_LINK_DECODE: 'E_LINK_DECODE', // compressed data does not decode (truncated, tampered)
  E_LINK_SIZE: 'E_LINK_SIZE', // over the size limit
  E_FILE: 'E_FILE', // a file could not be read
  E_FILE_SIZE: 'E_FILE_SIZE', // a file over the size limit
} as const;
export type ErrorCode = keyof typeof ERRORS;

/** A failure with a code and a message meant for a person. */
export interface ScenarioError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Individual problems (field: message), when there are several. */
  readonly issues: readonly string[];
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ScenarioError };

export function fail(code: ErrorCode, message: string, issues: readonly string[] = []): { ok: false; error: ScenarioError } {
  return { ok: false, error: { code, message, issues } };
}
