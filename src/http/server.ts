import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { toNodeHandler } from "@modelcontextprotocol/node";
import type { Runtime } from "../mcp/runtime.js";
import { createWebhookReceiver } from "../webhooks/receiver.js";
import { createAuthentication } from "./auth.js";
import { applyCors } from "./cors.js";
import { answerHealth, HEALTH_PATHS } from "./health.js";
import { createHostOriginGuard } from "./host-origin.js";
import { type HttpConfig, urlHostname } from "./http-config.js";
import { createMcpEndpoint } from "./mcp-endpoint.js";
import { sendJson, sendWebResponse } from "./respond.js";
import type { SharedState } from "./shared-state.js";
import { InFlightCalls, onTerminationSignal } from "./shutdown.js";

const MCP_PATH = "/mcp";
export const WEBHOOK_PATH = "/webhooks/ssn";

/**
 * Serves MCP over Streamable HTTP at `/mcp` until SIGTERM or SIGINT, then stops accepting, lets
 * calls in flight finish (within `http.drainMs`), closes sessions and streams, and calls `onClosed`.
 * In front of `/mcp`, in this order: Host and Origin checks, CORS, authentication, the body limit.
 */
export async function serveOverHttp(
  runtime: Runtime,
  http: HttpConfig,
  sharedState: SharedState,
  onClosed: () => Promise<void>,
): Promise<void> {
  const { logger } = runtime;
  const authentication = createAuthentication(http.auth, logger);
  const endpoint = createMcpEndpoint(runtime, http);
  const serveMcp = toNodeHandler(endpoint, {
    maxRequestBodySize: http.maxBodyBytes,
    onerror: (error) => logger.error(`MCP over HTTP: ${error.message}`),
  });
  const checkHostAndOrigin = createHostOriginGuard(http.allowedHosts, http.allowedOrigins);
  const calls = new InFlightCalls();
  let draining = false;

  const notReadyBecause = () => {
    if (draining) return "shutting down";
    if (!runtime.status().connected) return "the SSN credential does not work yet (ssn_status says why)";
    return sharedState.problem();
  };

  const receiveWebhook = runtime.events && createWebhookReceiver(http.webhookSecrets, runtime.events, logger);

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://path.only").pathname;
    if (path === HEALTH_PATHS.live || path === HEALTH_PATHS.ready) {
      answerHealth(req, res, path, notReadyBecause);
      return;
    }
    if (draining) {
      sendJson(res, 503, { error: "shutting down" }, { connection: "close", "retry-after": "1" });
      return;
    }
    // SSN's deliveries authenticate by their signature, not by a bearer token or browser rules.
    if (receiveWebhook && path === WEBHOOK_PATH) {
      await receiveWebhook(req, res);
      return;
    }
    if (!checkHostAndOrigin(req, res) || applyCors(req, res)) return;
    const metadata = authentication?.resourceMetadata;
    if (metadata && path === metadata.path) {
      if (req.method === "GET") sendJson(res, 200, metadata.document);
      else sendJson(res, 405, { error: "method not allowed" }, { allow: "GET" });
      return;
    }
    if (path !== MCP_PATH) {
      sendJson(res, 404, { error: `not found; MCP is served at ${MCP_PATH}` });
      return;
    }
    if (authentication) {
      const verified = await authentication.verify(req.headers.authorization);
      if (verified instanceof Response) {
        logger.debug(
          `refused ${req.method} ${path} from ${req.socket.remoteAddress}: HTTP ${verified.status}`,
        );
        await sendWebResponse(res, verified);
        return;
      }
      // toNodeHandler hands `req.auth` to the MCP handlers as their authInfo.
      Object.assign(req, { auth: verified });
    }
    if (InFlightCalls.isCall(req)) calls.track(res);
    await serveMcp(req, res);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      logger.error(`HTTP ${req.method} ${req.url}: ${error instanceof Error ? error.message : error}`);
      if (!res.headersSent) sendJson(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });
  const url = await listen(server, http.host, http.port).catch(async (error: unknown) => {
    await onClosed(); // nothing else would end the process: the SSN client, Redis, a sandbox
    throw error;
  });
  logger.info(
    `listening on ${url} (${http.stateless ? "stateless" : "sessions for 2025-era clients"}; ` +
      `authentication: ${http.auth.kind}; shared state: ${http.redisUrl ? "Redis" : "this process"})`,
  );

  onTerminationSignal(async (signal) => {
    draining = true;
    logger.info(`${signal}: no new connections; waiting for ${calls.size} call(s) in flight`);
    server.close();
    if (!(await calls.settle(http.drainMs))) {
      logger.warning(`calls still in flight after ${Math.round(http.drainMs / 1000)} s are cut off`);
    }
    await endpoint.close();
    server.closeAllConnections();
    await onClosed();
    logger.info("stopped");
  });
}

async function listen(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return `http://${urlHostname(address.address)}:${address.port}${MCP_PATH}`;
}
