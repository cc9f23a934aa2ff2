import { type Webhook, WebhookVerificationError } from "standardwebhooks";
import { WEBHOOK_HEADERS, WebhookEvent } from "../contract/webhooks.js";

/** Why a delivery was refused; said to the sender (never with a secret) and logged. */
export class DeliveryRejected extends Error {
  override name = "DeliveryRejected";
  constructor(
    message: string,
    readonly status: 400 | 401,
  ) {
    super(message);
  }
}

/**
 * Verifies a delivery with the Standard Webhooks scheme (HMAC-SHA256 over id, timestamp and the raw
 * body, compared in constant time, timestamps more than 5 minutes off refused) against each of the
 * current secrets — more than one while a secret is being rotated — and reads the event.
 */
export function verifyDelivery(
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  verifiers: readonly Webhook[],
): WebhookEvent {
  const signed = {
    [WEBHOOK_HEADERS.id]: single(headers[WEBHOOK_HEADERS.id]),
    [WEBHOOK_HEADERS.timestamp]: single(headers[WEBHOOK_HEADERS.timestamp]),
    [WEBHOOK_HEADERS.signature]: single(headers[WEBHOOK_HEADERS.signature]),
  };
  if (Object.values(signed).some((value) => value === "")) {
    throw new DeliveryRejected(
      `missing one of the headers ${Object.values(WEBHOOK_HEADERS).join(", ")}`,
      400,
    );
  }
  let lastReason = "no secret is configured";
  for (const verifier of verifiers) {
    try {
      verifier.verify(rawBody, signed);
      return readEvent(rawBody, signed[WEBHOOK_HEADERS.id]);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      lastReason = error.message;
    }
  }
  throw new DeliveryRejected(`signature not verified: ${lastReason}`, 401);
}

function readEvent(rawBody: string, deliveryId: string): WebhookEvent {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new DeliveryRejected("the body is not JSON", 400);
  }
  const event = WebhookEvent.safeParse(body);
  if (!event.success) throw new DeliveryRejected("the body is not an SSN event envelope", 400);
  if (event.data.id !== deliveryId) throw new DeliveryRejected("webhook-id does not match the event id", 400);
  return event.data;
}

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}
