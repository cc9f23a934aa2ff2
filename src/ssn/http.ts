import { Agent, request, errors as undiciErrors } from "undici";
import { SsnOutcomeUnknownError, SsnUnreachableError } from "./errors.js";

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface HttpRequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  signal?: AbortSignal;
}

/** Errors that happen before a request is on the wire: the API cannot have acted on it. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

/** One keep-alive connection pool per SSN client; answers in under `timeoutMs` or fails. */
export class HttpTransport {
  private readonly agent: Agent;

  constructor(timeoutMs: number) {
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connectTimeout: Math.min(timeoutMs, 10_000),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    try {
      const response = await request(req.url, {
        dispatcher: this.agent,
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: req.signal,
      });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      throw classifyNetworkError(error, req);
    }
  }

  /** Ends every connection at once, in-flight requests included: used when the process stops. */
  close(): Promise<void> {
    return this.agent.destroy();
  }
}

function classifyNetworkError(error: unknown, req: HttpRequest): Error {
  if (req.signal?.aborted) return error instanceof Error ? error : new Error(String(error));
  const code = errorCode(error);
  const where = new URL(req.url).origin;
  if (code && NOT_SENT_CODES.has(code)) {
    return new SsnUnreachableError(`could not reach the SSN API at ${where} (${code})`);
  }
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  if (req.method === "GET") {
    return new SsnUnreachableError(`the SSN API at ${where} did not answer (${reason})`);
  }
  return new SsnOutcomeUnknownError(
    `the ${req.method} request was sent to ${where} but the connection ended before an answer (${reason})`,
  );
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof undiciErrors.ConnectTimeoutError) return "UND_ERR_CONNECT_TIMEOUT";
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function header(headers: HttpResponse["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
