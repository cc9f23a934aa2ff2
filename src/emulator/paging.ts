import type { ErrorDetail } from "../contract/errors.js";
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from "../contract/paging.js";
import { ApiError } from "./api-error.js";

/** A list's filters: each is a query parameter, optional or required. */
export type FilterSpec = Readonly<Record<string, "optional" | "required">>;

/** The filter values of a parsed query: required filters are always present. */
export type Filters<F extends FilterSpec> = {
  [K in keyof F as F[K] extends "required" ? K : never]: string;
} & {
  [K in keyof F as F[K] extends "optional" ? K : never]?: string;
};

export interface ListRequest<F extends FilterSpec = FilterSpec> {
  filters: Filters<F>;
  pageSize: number;
  offset: number;
  /** The list and its filters; a cursor is only valid for the same key. */
  key: string;
}

export interface Page<T> {
  data: T[];
  meta: { pageSize: number; nextCursor: string | null };
}

const PAGE_SIZE_ISSUE = `must be an integer from 1 to ${PAGE_SIZE_MAX}`;
const CURSOR_ISSUE = "is not a cursor of this list; pass meta.nextCursor unchanged, with the same filters";

/** Parses a list query strictly: unknown or repeated parameters, bad pageSize or cursor → 422 naming each. */
export function parseListQuery<F extends FilterSpec>(
  list: string,
  query: URLSearchParams,
  filterSpec: F,
): ListRequest<F> {
  const accepted = [...Object.keys(filterSpec), "pageSize", "cursor"];
  const details: ErrorDetail[] = [];
  for (const name of new Set(query.keys())) {
    if (!accepted.includes(name)) {
      details.push({
        field: name,
        issue: `is not a query parameter of this list; use ${accepted.join(", ")}`,
      });
    } else if (query.getAll(name).length > 1) {
      details.push({ field: name, issue: "must be given at most once" });
    }
  }
  const filters: Record<string, string> = {};
  for (const [name, presence] of Object.entries(filterSpec)) {
    const value = query.get(name);
    if (value === null) {
      if (presence === "required") details.push({ field: name, issue: "is required" });
    } else if (value === "") {
      details.push({ field: name, issue: "must not be empty" });
    } else {
      filters[name] = value;
    }
  }
  const key = `${list}?${new URLSearchParams(Object.entries(filters).sort()).toString()}`;
  const pageSize = parsePageSize(query.get("pageSize"));
  if (pageSize === undefined) details.push({ field: "pageSize", issue: PAGE_SIZE_ISSUE });
  const cursor = query.get("cursor");
  const offset = cursor === null ? 0 : decodeCursor(cursor, key);
  if (offset === undefined) details.push({ field: "cursor", issue: CURSOR_ISSUE });

  if (details.length > 0 || pageSize === undefined || offset === undefined) {
    throw new ApiError("validation_failed", "The list query is not valid; see details.", { details });
  }
  return { filters: filters as Filters<F>, pageSize, offset, key };
}

export function paginate<T>(rows: readonly T[], request: ListRequest<FilterSpec>): Page<T> {
  const end = request.offset + request.pageSize;
  return {
    data: rows.slice(request.offset, end),
    meta: {
      pageSize: request.pageSize,
      nextCursor: end < rows.length ? encodeCursor(request.key, end) : null,
    },
  };
}

function parsePageSize(raw: string | null): number | undefined {
  if (raw === null) return PAGE_SIZE_DEFAULT;
  const size = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
  return size >= 1 && size <= PAGE_SIZE_MAX ? size : undefined;
}

/** Cursors are opaque to clients: base64url JSON of the list key and the offset of the next row. */
function encodeCursor(key: string, offset: number): string {
  return Buffer.from(JSON.stringify({ key, offset })).toString("base64url");
}

function decodeCursor(cursor: string, key: string): number | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (typeof decoded !== "object" || decoded === null) return undefined;
    const { key: cursorKey, offset } = decoded as Record<string, unknown>;
    return cursorKey === key && Number.isSafeInteger(offset) && (offset as number) >= 0
      ? (offset as number)
      : undefined;
  } catch {
    return undefined;
  }
}
