import type { GatedRegistration } from "../gated-registration.js";
import { jsonContents } from "./json-document.js";

export const RECENT_EVENTS_URI = "ssn://events/recent";

/**
 * `ssn://events/recent`: the webhook events this deployment received, newest first. Present only
 * where a receiver runs (HTTP mode with SSN_WEBHOOK_SECRETS); subscribers hear of each new event.
 */
export const recentEventsResource: GatedRegistration = {
  name: "recent-events",
  requiredScopes: ["site-visits:read"],
  register: (server, runtime) =>
    server.registerResource(
      "recent-events",
      RECENT_EVENTS_URI,
      {
        title: "Recent SSN events",
        description: "Webhook events received from SSN (ticket.created), newest first, deduplicated",
        mimeType: "application/json",
      },
      async (uri) => jsonContents(uri, { events: (await runtime.events?.recent()) ?? [] }),
    ),
};
