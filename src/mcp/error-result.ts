import {
  ScopeNotGrantedError,
  SsnApiError,
  SsnAuthError,
  SsnFileRejectedError,
  SsnOutcomeUnknownError,
  SsnTimeoutError,
  SsnUnreachableError,
} from "../ssn/errors.js";
import { NEXT_STEP_BY_CODE, NEXT_STEP_BY_FIELD } from "./next-steps.js";
import { stripHiddenCharacters } from "./sanitize.js";
import type { ToolDefinition } from "./tool.js";

/** Turns any failure of a tool run into text a model can act on: what failed, why, what next. */
export function describeFailure(tool: ToolDefinition, error: unknown): string {
  if (error instanceof ScopeNotGrantedError) {
    return `${tool.name} was refused before any request: ${error.message}. Call ssn_status to see what this credential may do.`;
  }
  if (error instanceof SsnApiError) return describeApiError(tool, error);
  if (error instanceof SsnOutcomeUnknownError) {
    const settle = tool.settleWith ? ` To find out, ${tool.settleWith}.` : "";
    const repeat =
      "idempotencyKey" in tool.input.shape
        ? " Calling the tool again with exactly the same arguments within 15 minutes is safe: it reuses the idempotency key, so the API returns the first result instead of creating a second record."
        : " Check before calling again.";
    return `${tool.name}: outcome unknown — ${error.message}. The change may or may not have been made.${settle}${repeat}`;
  }
  if (error instanceof SsnFileRejectedError) {
    return `${tool.name} refused the file, and nothing was uploaded: ${error.message}.`;
  }
  if (error instanceof SsnTimeoutError) {
    return `${tool.name} failed: ${error.message}. Nothing was changed; calling again later with the same arguments is safe.`;
  }
  if (error instanceof SsnUnreachableError) {
    return `${tool.name} failed: ${error.message}. Nothing was changed. Check the network and SSN_BASE_URL; ssn_status shows the configuration.`;
  }
  if (error instanceof SsnAuthError) {
    return `${tool.name} failed: ${error.message}. Check SSN_CLIENT_ID, SSN_CLIENT_SECRET and SSN_ENVIRONMENT (sandbox and production use separate credentials); ssn_status shows the details.`;
  }
  if (error instanceof Error && error.name === "AbortError") return `${tool.name} was cancelled.`;
  return `${tool.name} failed: ${error instanceof Error ? error.message : String(error)}`;
}

function describeApiError(tool: ToolDefinition, error: SsnApiError): string {
  const lines = [
    `${tool.name} failed: the SSN API answered ${error.status} ${error.code}: ${clean(error.message)}`,
  ];
  for (const detail of error.details) {
    lines.push(`- ${detail.field ? `${clean(detail.field)}: ` : ""}${clean(detail.issue)}`);
  }
  const steps = new Set<string>();
  // The fields the API named, or else, for a 404, the ids the tool was called with.
  const fields = error.details.map((detail) => detail.field.split(".")[0] ?? "");
  if (fields.length === 0 && error.code === "not_found") fields.push(...Object.keys(tool.input.shape));
  for (const field of fields) {
    const step = NEXT_STEP_BY_FIELD[field];
    if (step) steps.add(step);
  }
  const byCode = NEXT_STEP_BY_CODE[error.code];
  if (byCode && (steps.size === 0 || error.code !== "not_found")) steps.add(byCode);
  if (error.code === "rate_limited" && error.retryAfterSeconds !== undefined) {
    steps.add(`the API asks to wait ${error.retryAfterSeconds} s`);
  }
  if (steps.size > 0) lines.push(`Next: ${[...steps].join("; ")}.`);
  if (error.requestId) lines.push(`Request id: ${clean(error.requestId)}`);
  return lines.join("\n");
}

function clean(text: string): string {
  return stripHiddenCharacters(text).slice(0, 500);
}
