import { ApiError } from "../api-error.js";
import type { Audited } from "../state.js";

export function firstVersion(now: string): Audited {
  return { createdAt: now, updatedAt: now, version: 1 };
}

/** The record with `changes` applied as a new version; every successful patch is one version. */
export function nextVersion<T extends Audited>(record: T, changes: Partial<T>, now: string): T {
  return { ...record, ...changes, updatedAt: now, version: record.version + 1 };
}

/** Optimistic concurrency: `expected` comes from If-Match; without it the last write wins. */
export function checkVersion(record: Audited, expected: number | undefined, what: string): void {
  if (expected === undefined || expected === record.version) return;
  throw new ApiError(
    "version_conflict",
    `The ${what} changed since you read it: it is at version ${record.version}, your If-Match names ${expected}. Read it again and reapply your change.`,
    { details: [{ field: "If-Match", issue: `the current version is ${record.version}` }] },
  );
}
