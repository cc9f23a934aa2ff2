import type { IncomingMessage, ServerResponse } from "node:http";
import { Webhook } from "standardwebhooks";
import type { Logger } from "../log.js";
import type { EventLog } from "./event-log.js";
import { DeliveryRejected, verifyDelivery } from "./verify.js";

/** SSN's deliveries are small JSON envelopes; anything larger is not one. */
const MAX_DELIVERY_BYTES = 256 * 1024;

/**
 * `POST /webhooks/ssn`: verifies, deduplicates and stores a delivery, then answers 2xx at once (SSN
 * retries anything else). A bad signature, wrong secret, stale timestamp or tampered body is
 * refused with 4xx and nothing stored.
 */
export function createWebhookReceiver(secrets: readonly string[], events: EventLog, logger: Logger) {
  const verifiers = secrets.map((secret) => new Webhook(secret));
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "POST" }).end();
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413, { "content-type": "text/plain", connection: "close" }).end("delivery too large");
      return;
    }
    try {
      const event = verifyDelivery(body, req.headers, verifiers);
      const isNew = await events.record(event);
      logger.info(`webhook ${event.type} ${event.id}${isNew ? "" : " (duplicate, ignored)"}`);
      res.writeHead(204).end();
    } catch (error) {
      if (!(error instanceof DeliveryRejected)) throw error;
      logger.warning(`webhook delivery refused: ${error.message}`);
      res.writeHead(error.status, { "content-type": "text/plain" }).end(error.message);
    }
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_DELIVERY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
