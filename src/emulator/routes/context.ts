import type { IncomingHttpHeaders } from "node:http";
import { HEADERS } from "../../contract/errors.js";
import { ApiError } from "../api-error.js";
import type { Emulator } from "../emulator.js";
import { type HttpAnswer, singleHeader } from "../http.js";
import { type FilterSpec, type ListRequest, paginate } from "../paging.js";
import type { Audited, Tenant } from "../state.js";

/** What a handler gets: the request, already routed, read and (for JSON routes) parsed. */
export interface RequestContext {
  readonly emulator: Emulator;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The parsed body of JSON routes. */
  readonly body: unknown;
  /** The body as received (empty for routes without one). */
  readonly rawBody: Buffer;
  /** When handling started, as the API writes times. */
  readonly now: string;
  /** Names the client in the request log (the token endpoint learns it from the body). */
  identifyClient(clientId: string): void;
}

/** The context of an authenticated, scope-checked request. */
export interface TenantContext extends RequestContext {
  readonly tenant: Tenant;
}

export type TenantHandler = (ctx: TenantContext) => HttpAnswer;

/** The `{id}` path segment (the router only matches non-empty segments). */
export function pathId(ctx: RequestContext): string {
  return ctx.params.id ?? "";
}

/** One resource: `{"data": …}` with `ETag: "<version>"`. */
export function resourceAnswer(resource: Audited, status = 200): HttpAnswer {
  return { status, body: { data: resource }, headers: { [HEADERS.etag]: `"${resource.version}"` } };
}

export function listAnswer<T>(rows: readonly T[], request: ListRequest<FilterSpec>): HttpAnswer {
  return { status: 200, body: paginate(rows, request) };
}

/** The version named by `If-Match: "<version>"`; undefined without the header or for `*`. */
export function ifMatchVersion(headers: IncomingHttpHeaders): number | undefined {
  const value = singleHeader(headers, HEADERS.ifMatch)?.trim();
  if (value === undefined || value === "*") return undefined;
  const version = /^"(\d{1,15})"$/.exec(value)?.[1];
  if (version !== undefined) return Number(version);
  throw new ApiError("validation_failed", "The If-Match header is not valid; see details.", {
    details: [{ field: "If-Match", issue: 'must be a quoted version from the ETag header, e.g. "3"' }],
  });
}
