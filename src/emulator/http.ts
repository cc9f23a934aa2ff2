import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { ErrorBody } from "../contract/errors.js";
import { ApiError } from "./api-error.js";

/** What a handler answers, before it touches the socket (so it can be stored for idempotent replay). */
export interface HttpAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Everything about one HTTP exchange that the request pipelines need. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  requestId: string;
}

export function sendAnswer(res: ServerResponse, answer: HttpAnswer): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  if (answer.body === undefined) {
    res.writeHead(answer.status).end();
    return;
  }
  const payload = JSON.stringify(answer.body);
  res
    .writeHead(answer.status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(payload),
    })
    .end(payload);
}

export function errorAnswer(error: ApiError, requestId: string): HttpAnswer {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, details: error.details },
    requestId,
  };
  return { status: error.status, body, headers: error.headers };
}

/** The answer for anything a handler threw: its own error, or 500 `internal` for a bug (which is logged). */
export function answerForError(error: unknown, requestId: string, log: (line: string) => void): HttpAnswer {
  if (error instanceof ApiError) return errorAnswer(error, requestId);
  log(`unexpected error in request ${requestId}: ${(error as Error)?.stack ?? String(error)}`);
  return errorAnswer(new ApiError("internal", "The emulator failed unexpectedly; see its log."), requestId);
}

/** Reads the whole body; past `limit` bytes it drains the rest and returns undefined. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}

/** JSON request bodies above this size are refused [assumed]. */
const JSON_BODY_LIMIT = 1024 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A JSON request body of at most 1 MiB; the content type must say JSON. Failures are 400 bad_request. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, JSON_BODY_LIMIT);
  if (!raw) throw new ApiError("bad_request", "The JSON body is larger than the limit of 1 MiB.");
  const contentType = req.headers["content-type"];
  if (!hasMediaType(contentType, "application/json")) {
    const got = contentType ? `"${contentType}"` : "none";
    throw new ApiError("bad_request", `Content-Type must be application/json (got ${got}).`);
  }
  try {
    return JSON.parse(utf8.decode(raw));
  } catch (error) {
    throw new ApiError("bad_request", `The body is not valid UTF-8 JSON: ${(error as Error).message}`);
  }
}

export function hasMediaType(contentType: string | undefined, mediaType: string): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === mediaType;
}

/** A header that must appear at most once, as a single string. */
export function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}
