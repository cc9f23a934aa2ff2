import type { IncomingMessage, ServerResponse } from "node:http";
import { hostHeaderValidation, originValidation } from "@modelcontextprotocol/node";

/**
 * DNS-rebinding protection: a request whose `Host` is not one of ours, or whose browser `Origin`
 * is not allowed, is answered 403 before anything else reads it. Returns whether it may go on.
 */
export function createHostOriginGuard(
  allowedHosts: string[],
  allowedOrigins: string[],
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const checkHost = hostHeaderValidation(allowedHosts);
  const checkOrigin = originValidation(allowedOrigins);
  return (req, res) => checkHost(req, res) && checkOrigin(req, res);
}
