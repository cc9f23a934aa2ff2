import type { FetchLikeMcpHandler } from "@modelcontextprotocol/node";
import { createMcpHandler, isLegacyRequest } from "@modelcontextprotocol/server";
import { RECENT_EVENTS_URI } from "../mcp/resources/recent-events.js";
import type { Runtime } from "../mcp/runtime.js";
import { createMcpServer } from "../mcp/server.js";
import type { HttpConfig } from "./http-config.js";
import { LegacySessions } from "./sessions.js";

interface McpEndpoint extends FetchLikeMcpHandler {
  /** Ends sessions and subscription streams; calls still running are aborted. */
  close(): Promise<void>;
}

/**
 * `/mcp` for both protocol eras. 2026-07-28 requests (`server/discover`, per-request envelope) go
 * to the SDK's handler, which serves each from a fresh server and owns `subscriptions/listen`.
 * 2025-era requests (`initialize`, no envelope) go to sessions by default, or, with `--stateless`,
 * to that handler's per-request fallback: no session, so any replica can answer any request.
 */
export function createMcpEndpoint(runtime: Runtime, http: HttpConfig): McpEndpoint {
  const createServer = async () => {
    await runtime.settled();
    return createMcpServer(runtime);
  };
  const perRequest = createMcpHandler(createServer, {
    legacy: http.stateless ? "stateless" : "reject",
    maxRequestBodySize: http.maxBodyBytes,
    onerror: (error) => runtime.logger.debug(`MCP over HTTP: ${error.message}`),
  });
  // A 2026-era client hears of changes only on its subscription stream; a session's own server
  // sends its list_changed itself (createMcpServer). Resources follow the same scopes as tools.
  const stopNotifying = runtime.onChange(() => {
    perRequest.notify.toolsChanged();
    perRequest.notify.resourcesChanged();
  });
  const stopAnnouncing = runtime.events?.onEvent((event) => {
    perRequest.notify.resourceUpdated(RECENT_EVENTS_URI);
    perRequest.notify.resourceUpdated(`ssn://site-visits/${event.resourceId}`);
  });
  const sessions = http.stateless
    ? undefined
    : new LegacySessions({
        createServer,
        idleMs: http.sessionIdleMs,
        maxBodyBytes: http.maxBodyBytes,
        logger: runtime.logger,
      });
  const legacyOptions = { maxRequestBodySize: http.maxBodyBytes };

  return {
    fetch: async (request, options) => {
      if (sessions && (await isLegacyRequest(request, undefined, legacyOptions))) {
        return sessions.handle(request, options?.authInfo);
      }
      return perRequest.fetch(request, options);
    },
    async close() {
      stopNotifying();
      stopAnnouncing?.();
      await sessions?.closeAll();
      await perRequest.close();
    },
  };
}
