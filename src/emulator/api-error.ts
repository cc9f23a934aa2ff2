import { ERROR_STATUS, type ErrorCode, type ErrorDetail } from "../contract/errors.js";

/** Codes only the /_emulator control endpoints use; they are not part of the API contract. */
const CONTROL_ERROR_STATUS = { duplicate_asset_id: 409 } as const;

export type EmulatorErrorCode = ErrorCode | keyof typeof CONTROL_ERROR_STATUS;

export interface ApiErrorOptions {
  details?: ErrorDetail[];
  headers?: Record<string, string>;
  /** Overrides the code's own status (an injected 503 fault answers with code `internal`). */
  status?: number;
}

/** A contract-shaped error answer: thrown by any layer, rendered once by the HTTP layer. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;

  constructor(
    readonly code: EmulatorErrorCode,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.status = options.status ?? { ...ERROR_STATUS, ...CONTROL_ERROR_STATUS }[code];
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }
}

/** Unknown and other-tenant records get this same answer, so neither can be told from the other. */
export function notFound(what: string, id: string | number, field?: string): ApiError {
  const details = field ? [{ field, issue: `no ${what} ${id} exists for your client` }] : [];
  return new ApiError("not_found", `No ${what} ${id} exists for your client.`, { details });
}
