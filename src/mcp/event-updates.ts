import type { McpServer } from "@modelcontextprotocol/server";
import { RECENT_EVENTS_URI } from "./resources/recent-events.js";
import type { Runtime } from "./runtime.js";

/**
 * Tells this connection's client when a webhook event changes a resource: `ssn://events/recent`
 * and the event's own visit. A 2025-era client hears only of URIs it subscribed to; a 2026-era
 * client names its URIs when it opens its subscription stream, which the SDK filters by.
 */
export function announceEvents(server: McpServer, runtime: Runtime, era: "legacy" | "modern"): () => void {
  const events = runtime.events;
  if (!events) return () => {};
  const subscribed = new Set<string>();
  server.server.setRequestHandler("resources/subscribe", (request) => {
    subscribed.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler("resources/unsubscribe", (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });
  return events.onEvent((event) => {
    if (!server.isConnected()) return;
    for (const uri of [RECENT_EVENTS_URI, `ssn://site-visits/${event.resourceId}`]) {
      if (era === "modern" || subscribed.has(uri)) server.server.sendResourceUpdated({ uri }).catch(() => {});
    }
  });
}
