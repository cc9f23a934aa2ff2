/**
 * The API's error codes and the HTTP status each comes with (contract.md "Common shapes").
 * One table, so a code the real API spells differently is corrected in one edit.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  insufficient_scope: 403,
  not_found: 404,
  method_not_allowed: 405,
  duplicate_site_code: 409,
  duplicate_ticket_number: 409,
  version_conflict: 409,
  asset_site_mismatch: 409,
  idempotency_in_progress: 409,
  file_too_large: 413,
  validation_failed: 422,
  unsupported_file_type: 422,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  field: string;
  issue: string;
}

/** The contract's error body: `{"error": {code, message, details}, "requestId"}`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
  requestId: string;
}

/** Header names the contract relies on. */
export const HEADERS = {
  requestId: "x-request-id",
  idempotencyKey: "idempotency-key",
  idempotentReplayed: "idempotent-replayed",
  ifMatch: "if-match",
  etag: "etag",
  retryAfter: "retry-after",
  wwwAuthenticate: "www-authenticate",
} as const;
