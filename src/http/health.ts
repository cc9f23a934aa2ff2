import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./respond.js";

export const HEALTH_PATHS = { live: "/healthz", ready: "/readyz" } as const;

/**
 * `/healthz`: the process answers. `/readyz`: it can do the job now (SSN token working, shared
 * store reachable, not shutting down), for a load balancer to route by. Neither needs a token
 * nor a known Host, so probes by IP work; neither says more than ready or why not.
 */
export function answerHealth(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  notReadyBecause: () => string | undefined,
): void {
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendJson(res, 405, { error: "method not allowed" }, { allow: "GET, HEAD" });
    return;
  }
  if (path === HEALTH_PATHS.live) {
    sendJson(res, 200, { status: "ok" });
    return;
  }
  const reason = notReadyBecause();
  sendJson(res, reason ? 503 : 200, reason ? { status: "not ready", reason } : { status: "ready" });
}
