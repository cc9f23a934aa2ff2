import { SsnApiError, SsnAuthError, SsnOutcomeUnknownError, SsnUnreachableError } from "./errors.js";

/** How the client retries one API call (design.md "Writes, retries and idempotency"). */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff; it doubles per attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for. */
  retryAfterCapMs: number;
  /** The whole call, retries included, ends within this; well inside a client's 60 s timeout. */
  deadlineMs: number;
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
  retryAfterCapMs: 15_000,
  deadlineMs: 45_000,
  random: Math.random,
};

/** API error codes that say "try the same request again" rather than "this request is wrong". */
const RETRYABLE_CODES = new Set(["rate_limited", "idempotency_in_progress"]);

/**
 * Whether a failed attempt is worth another, and after how long; `undefined` means do not retry.
 * Connection failures, 429 and 5xx are retried (every create carries its Idempotency-Key, so a
 * retry cannot duplicate it); other 4xx never are: the same request would fail the same way.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, error: unknown): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * policy.random();
  if (error instanceof SsnUnreachableError || error instanceof SsnOutcomeUnknownError) return backoff;
  if (error instanceof SsnAuthError) return error.status >= 500 || error.status === 429 ? backoff : undefined;
  if (!(error instanceof SsnApiError)) return undefined;
  if (error.status >= 500 || error.status === 429 || RETRYABLE_CODES.has(error.code)) {
    const asked = (error.retryAfterSeconds ?? 0) * 1000;
    if (asked > policy.retryAfterCapMs) return undefined;
    return Math.max(backoff, asked);
  }
  return undefined;
}
