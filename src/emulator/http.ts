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

/** A JSON answer, or raw bytes as they are (their content type comes with the answer's headers). */
export function sendAnswer(res: ServerResponse, answer: HttpAnswer): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  if (answer.body === undefined) {
    res.writeHead(answer.status).end();
    return;
  }
  if (answer.body instanceof Uint8Array) {
    res.writeHead(answer.status, { "content-length": answer.body.length }).end(answer.body);
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

/**
 * Reads the whole body, or returns undefined once it is larger than `limit` (a declared Content-Length
 * is checked before reading). A client waiting for `100 Continue` gets it only here, so a body refused
 * before it is read is never sent at all.
 */
export async function readBody(
  { req, res }: Pick<Exchange, "req" | "res">,
  limit: number,
): Promise<Buffer | undefined> {
  if (Number(req.headers["content-length"]) > limit) return refuseRest(req, limit);
  if (/^100-continue$/i.test(req.headers.expect ?? "")) res.writeContinue();
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early must not destroy the request: that would take the socket and the answer with it.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return refuseRest(req, limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Keeps nothing more of a body over its limit, so the answer goes out at once. Closing right away would
 * make the kernel reset the connection while the client still sends, losing the answer it has not read
 * yet; so up to `limit` more bytes are read and discarded (clients stop once they have the answer), and
 * beyond that the connection is dropped.
 */
function refuseRest(req: IncomingMessage, limit: number): undefined {
  let discarded = 0;
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limit) req.socket.destroy();
  });
  req.resume();
  return undefined;
}

/** JSON request bodies above this size are refused [assumed]. */
const JSON_BODY_LIMIT = 1024 * 1024;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A JSON request body of at most 1 MiB; the content type must say JSON. Failures are 400 bad_request. */
export async function readJsonBody(exchange: Pick<Exchange, "req" | "res">): Promise<unknown> {
  const raw = await readBody(exchange, JSON_BODY_LIMIT);
  if (!raw) throw new ApiError("bad_request", "The JSON body is larger than the limit of 1 MiB.");
  const contentType = exchange.req.headers["content-type"];
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
