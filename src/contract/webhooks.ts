import { createHmac } from "node:crypto";
import { z } from "zod";
import { LIMITS, SiteVisit } from "./schemas.js";

/**
 * Webhook subscriptions and deliveries (contract.md "Webhook subscriptions", "Webhook delivery").
 * The envelope and the one live event are [guide]; everything else is [assumed] and lives here.
 */
export const WEBHOOK_EVENT_TYPES = ["ticket.created"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The `resourceType` of each event's envelope. */
export const WEBHOOK_EVENT_RESOURCES = {
  "ticket.created": "site-visits",
} as const satisfies Record<WebhookEventType, string>;

export const WEBHOOK_PAYLOAD_VERSION = "2026-03-24";

/** Signing secrets are `whsec_` + base64 of the secret bytes (Standard Webhooks). */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

export const WEBHOOK_HEADERS = {
  id: "webhook-id",
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
} as const;

/** A receiver that has not answered after this long has failed the attempt, which is retried. */
export const WEBHOOK_DELIVERY_TIMEOUT_MS = 10_000;

export const WEBHOOK_URL_MAX_LENGTH = 2048;

const { createdAt, updatedAt, version } = SiteVisit.shape;

export const WebhookSubscriptionCreate = z.strictObject({
  url: z
    .string()
    .trim()
    .max(WEBHOOK_URL_MAX_LENGTH, `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`)
    .describe("Where events are POSTed: an https URL (http to loopback only on the local emulator)"),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `must be one of: ${WEBHOOK_EVENT_TYPES.join(", ")}` }))
    .min(1, "must name at least one event")
    .refine((events) => new Set(events).size === events.length, "must not repeat an event")
    .describe("The events to deliver, e.g. ticket.created"),
  description: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(LIMITS.shortText, `must be at most ${LIMITS.shortText} characters`)
    .optional()
    .describe("What the subscription is for"),
});
export type WebhookSubscriptionCreate = z.infer<typeof WebhookSubscriptionCreate>;

export const WebhookSubscription = z.looseObject({
  id: z.string().describe("Subscription id"),
  url: z.string().describe("Where events are POSTed"),
  events: z.array(z.string()).describe("The events delivered"),
  description: z.string().nullish().describe("What the subscription is for"),
  createdAt,
  updatedAt,
  version,
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

/** The create answer is the only one that shows the signing secret. */
export const CreatedWebhookSubscription = WebhookSubscription.extend({
  secret: z.string().describe("Signing secret, whsec_<base64>; shown only once"),
});
export type CreatedWebhookSubscription = z.infer<typeof CreatedWebhookSubscription>;

/** `data` of `ticket.created`: a summary of the created site visit. */
export const TicketCreatedData = SiteVisit.pick({
  id: true,
  clientTicketNumber: true,
  clientSiteId: true,
  projectId: true,
  itemName: true,
  serviceType: true,
  startDate: true,
  dueDate: true,
  status: true,
});
export type TicketCreatedData = z.infer<typeof TicketCreatedData>;

export const WebhookEvent = z.looseObject({
  id: z.string().describe("Event id, evt_…; deduplicate by it"),
  type: z.string().describe("Event type, e.g. ticket.created"),
  occurredAt: z.string().describe("When it happened (UTC)"),
  resourceType: z.string().describe("Kind of resource, e.g. site-visits"),
  resourceId: z.string().describe("Id of the resource"),
  payloadVersion: z.string().describe("Version of the data shape"),
  data: z.record(z.string(), z.unknown()).describe("The event's data"),
});
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/**
 * The `webhook-signature` value for one delivery (Standard Webhooks):
 * `v1,<base64 HMAC-SHA256(secret bytes, "<id>.<timestamp>.<raw body>")>`.
 */
export function webhookSignature(secret: string, eventId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(WEBHOOK_SECRET_PREFIX.length), "base64");
  const mac = createHmac("sha256", key).update(`${eventId}.${timestamp}.${body}`).digest("base64");
  return `v1,${mac}`;
}
