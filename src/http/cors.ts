import type { IncomingMessage, ServerResponse } from "node:http";

/** Response headers a browser client must be able to read: the session, the version, the auth challenge. */
const EXPOSED_HEADERS = "Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate";
const ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
const ALLOWED_HEADERS =
  "Authorization, Content-Type, Accept, Last-Event-ID, Mcp-Session-Id, Mcp-Protocol-Version, Mcp-Method, Mcp-Name";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

/**
 * CORS for browser clients. Runs after the Origin check, so an Origin still present is an allowed
 * one. Returns true when it answered a preflight itself.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Vary", "Origin");
  res.setHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  if (req.method !== "OPTIONS") return false;
  res.writeHead(204, {
    "Access-Control-Allow-Methods": ALLOWED_METHODS,
    // The origin is trusted, so the headers it asks for (Mcp-Param-* among them) may come.
    "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? ALLOWED_HEADERS,
    "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_SECONDS,
  });
  res.end();
  return true;
}
