import { randomUUID } from "node:crypto";
import {
  type AuthInfo,
  type HandleRequestOptions,
  isInitializeRequest,
  type McpServer,
  WebStandardStreamableHTTPServerTransport,
} from "@modelcontextprotocol/server";
import type { Logger } from "../log.js";
import { principalOf } from "./auth.js";

interface Session {
  server: McpServer;
  transport: WebStandardStreamableHTTPServerTransport;
  /** Only the caller that opened a session may use it. */
  principal: string;
  /** Requests whose answers are still being sent (an open GET stream counts). */
  open: number;
  idleTimer: NodeJS.Timeout | undefined;
  closed: boolean;
}

interface SessionOptions {
  createServer: () => Promise<McpServer>;
  idleMs: number;
  /** The same bound the Node adapter applies; the transport has its own, smaller default. */
  maxBodyBytes: number;
  logger: Logger;
}

/**
 * 2025-era sessions: one MCP server per `Mcp-Session-Id`, opened by `initialize`, ended by
 * `DELETE` or after `idleMs` without an open request. An unknown or ended session answers 404, so
 * the client initializes again; a request other than `initialize` without a session answers 400.
 */
export class LegacySessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly options: SessionOptions) {}

  async handle(request: Request, authInfo: AuthInfo | undefined): Promise<Response> {
    const id = request.headers.get("mcp-session-id");
    if (id !== null) {
      const session = this.sessions.get(id);
      // Another caller's session is reported as unknown, so its existence stays private too.
      if (!session || session.principal !== principalOf(authInfo)) {
        return jsonRpcError(404, -32001, "Session not found");
      }
      return this.serve(session, request, { authInfo });
    }
    const body = request.method === "POST" ? await readJson(request) : undefined;
    if (!isInitializeRequest(body)) {
      return jsonRpcError(400, -32000, "Bad Request: Mcp-Session-Id header is required");
    }
    return this.open(request, body, authInfo);
  }

  /** Ends every session: their GET streams close and their servers stop. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => session.server.close()));
  }

  private async open(request: Request, body: unknown, authInfo: AuthInfo | undefined): Promise<Response> {
    const server = await this.options.createServer();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: this.options.maxBodyBytes,
      onsessioninitialized: (id) => {
        this.sessions.set(id, session);
        this.options.logger.debug(`opened session ${id}`);
      },
    });
    const session: Session = {
      server,
      transport,
      principal: principalOf(authInfo),
      open: 0,
      idleTimer: undefined,
      closed: false,
    };
    // Set before connecting: the server chains its own close handling onto it.
    transport.onclose = () => {
      session.closed = true;
      clearTimeout(session.idleTimer);
      if (transport.sessionId) this.sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    const response = await this.serve(session, request, { authInfo, parsedBody: body });
    // Refused before a session began (a wrong Accept header, say): nothing will ever close it.
    if (!transport.sessionId || !this.sessions.has(transport.sessionId)) await server.close();
    return response;
  }

  private async serve(session: Session, request: Request, options: HandleRequestOptions): Promise<Response> {
    session.open += 1;
    clearTimeout(session.idleTimer);
    let response: Response;
    try {
      response = await session.transport.handleRequest(request, options);
    } catch (error) {
      this.release(session);
      throw error;
    }
    if (!response.body) {
      this.release(session);
      return response;
    }
    return new Response(
      whenDone(response.body, request.signal, () => this.release(session)),
      {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      },
    );
  }

  private release(session: Session): void {
    session.open -= 1;
    if (session.open > 0 || session.closed) return;
    session.idleTimer = setTimeout(() => {
      this.options.logger.debug(`closing session ${session.transport.sessionId}: idle`);
      void session.server.close();
    }, this.options.idleMs);
    session.idleTimer.unref();
  }
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    return undefined;
  }
}

function jsonRpcError(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id: null }, { status });
}

/**
 * `body`, calling `done` once when it has been read to the end or abandoned. A client gone away
 * (`signal`) ends it at once: the Node adapter notices only at the next chunk, which on an idle
 * stream is the next keep-alive, and until then the session looks busy and its GET slot taken.
 */
function whenDone(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  done: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done();
  };
  signal.addEventListener(
    "abort",
    () => {
      finish();
      reader.cancel(signal.reason).catch(() => {});
    },
    { once: true },
  );
  return new ReadableStream({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          finish();
          controller.close();
        } else {
          controller.enqueue(chunk.value);
        }
      } catch (error) {
        finish();
        controller.error(error);
      }
    },
    cancel(reason) {
      finish();
      return reader.cancel(reason);
    },
  });
}
