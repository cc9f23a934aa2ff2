import type { ErrorDetail } from "../contract/errors.js";
import type { Scope } from "../contract/scopes.js";

/** Base of every failure the SSN client reports; `message` is safe to show (never holds a secret). */
export class SsnError extends Error {
  override name = "SsnError";
}

/** The API answered with an error status. */
export class SsnApiError extends SsnError {
  override name = "SsnApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[],
    readonly requestId: string | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
  }
}

/** The request never reached the API (connection refused, DNS, TLS): nothing happened there. */
export class SsnUnreachableError extends SsnError {
  override name = "SsnUnreachableError";
}

/** A write was sent but no answer came back: it may or may not have taken effect. */
export class SsnOutcomeUnknownError extends SsnError {
  override name = "SsnOutcomeUnknownError";
}

/** The token endpoint refused the credential or could not be used. */
export class SsnAuthError extends SsnError {
  override name = "SsnAuthError";
  constructor(
    message: string,
    /** The OAuth error code (`invalid_client`, …) when the endpoint gave one. */
    readonly oauthError: string | undefined,
    /** The token endpoint's HTTP status: a 5xx or 429 is worth another try, a refusal is not. */
    readonly status: number,
  ) {
    super(message);
  }
}

/** The call's time budget ran out before a usable answer. */
export class SsnTimeoutError extends SsnError {
  override name = "SsnTimeoutError";
}

/** Refused locally, before any request: the credential lacks the scope. */
export class ScopeNotGrantedError extends SsnError {
  override name = "ScopeNotGrantedError";
  constructor(readonly scope: Scope) {
    super(`the SSN credential does not have the scope "${scope}"`);
  }
}

/** A file refused before upload: its bytes are not an accepted type, or it is too large. */
export class SsnFileRejectedError extends SsnError {
  override name = "SsnFileRejectedError";
}
