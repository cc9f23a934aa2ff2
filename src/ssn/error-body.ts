import type { ErrorDetail } from "../contract/errors.js";

export interface ParsedErrorBody {
  code: string | undefined;
  message: string | undefined;
  details: ErrorDetail[];
  requestId: string | undefined;
}

const MAX_TEXT = 500;

/**
 * Reads an error body leniently (contract.md "Client leniency"): the contract's own shape,
 * RFC 7807 problem details (`title`/`detail`/`errors`), OAuth errors, or plain text.
 */
export function parseErrorBody(raw: string): ParsedErrorBody {
  const parsed = tryJson(raw);
  if (parsed === undefined || typeof parsed !== "object" || parsed === null) {
    const text = raw.trim().slice(0, MAX_TEXT);
    return { code: undefined, message: text || undefined, details: [], requestId: undefined };
  }
  const body = parsed as Record<string, unknown>;
  const requestId = str(body.requestId) ?? str(body.request_id);
  if (body.error && typeof body.error === "object") {
    const error = body.error as Record<string, unknown>;
    return {
      code: str(error.code),
      message: str(error.message),
      details: readDetails(error.details),
      requestId,
    };
  }
  if (typeof body.error === "string") {
    return { code: body.error, message: str(body.error_description), details: [], requestId };
  }
  // RFC 7807 and other "flat" shapes.
  return {
    code: str(body.code) ?? str(body.type),
    message: str(body.detail) ?? str(body.title) ?? str(body.message),
    details: readDetails(body.errors ?? body.details),
    requestId,
  };
}

function readDetails(value: unknown): ErrorDetail[] {
  if (Array.isArray(value)) {
    return value.flatMap((entry) => {
      if (typeof entry === "string") return [{ field: "", issue: entry }];
      if (!entry || typeof entry !== "object") return [];
      const detail = entry as Record<string, unknown>;
      const field = str(detail.field) ?? str(detail.pointer) ?? str(detail.name) ?? "";
      const issue = str(detail.issue) ?? str(detail.message) ?? str(detail.detail) ?? "";
      return issue || field ? [{ field, issue }] : [];
    });
  }
  // `{"field": ["problem", …]}` as many frameworks send it.
  if (value && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([field, issues]) =>
      (Array.isArray(issues) ? issues : [issues]).map((issue) => ({ field, issue: String(issue) })),
    );
  }
  return [];
}

function tryJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value.slice(0, MAX_TEXT) : undefined;
}
