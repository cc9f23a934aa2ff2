import { randomBytes } from "node:crypto";
import type { EnvironmentName } from "../../contract/environments.js";
import { newId } from "../../contract/ids.js";
import {
  WEBHOOK_SECRET_PREFIX,
  type WebhookEventType,
  type WebhookSubscriptionCreate,
} from "../../contract/webhooks.js";
import { ApiError, notFound } from "../api-error.js";
import { isLoopbackHost } from "../settings.js";
import type { Tenant, WebhookSubscriptionRecord } from "../state.js";
import { firstVersion } from "./audit.js";

/** The one environment whose subscriptions may use plain http, and only to loopback [assumed]. */
const LOOPBACK_ENVIRONMENT: EnvironmentName = "local";

export function listWebhookSubscriptions(tenant: Tenant): WebhookSubscriptionRecord[] {
  return [...tenant.webhookSubscriptions.values()];
}

/** The subscriptions that get events of `type`, oldest first. */
export function subscribersOf(tenant: Tenant, type: WebhookEventType): WebhookSubscriptionRecord[] {
  return listWebhookSubscriptions(tenant).filter((subscription) => subscription.events.includes(type));
}

export function createWebhookSubscription(
  tenant: Tenant,
  input: WebhookSubscriptionCreate,
  environment: string,
  now: string,
): WebhookSubscriptionRecord {
  checkUrl(input.url, environment);
  const subscription: WebhookSubscriptionRecord = {
    id: newId("webhookSubscription"),
    url: input.url,
    events: input.events,
    description: input.description ?? null,
    secret: `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString("base64")}`,
    ...firstVersion(now),
  };
  tenant.webhookSubscriptions.set(subscription.id, subscription);
  return subscription;
}

/** Deleting stops its deliveries too: pending retries find it gone. */
export function deleteWebhookSubscription(tenant: Tenant, id: string): void {
  if (!tenant.webhookSubscriptions.delete(id)) throw notFound("webhook subscription", id);
}

/** The subscription as the API shows it: never with its secret. */
export function renderWebhookSubscription(subscription: WebhookSubscriptionRecord) {
  const { secret: _secret, ...shown } = subscription;
  return shown;
}

/** `https` only, except plain `http` to a loopback host on the local emulator [assumed]. */
function checkUrl(url: string, environment: string): void {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const loopbackAllowed = environment === LOOPBACK_ENVIRONMENT;
  const expected = loopbackAllowed
    ? "must be an https URL, or an http URL of a loopback host (127.0.0.1, localhost, [::1])"
    : "must be an https URL";
  let issue: string | undefined;
  if (parsed?.protocol !== "https:" && parsed?.protocol !== "http:") issue = expected;
  else if (parsed.username !== "" || parsed.password !== "")
    issue = "must not contain a user name or password";
  else if (
    parsed.protocol === "http:" &&
    !(loopbackAllowed && isLoopbackHost(unbracketed(parsed.hostname)))
  ) {
    issue = expected;
  }
  if (issue === undefined) return;
  throw new ApiError("validation_failed", "The request is not valid; see details.", {
    details: [{ field: "url", issue }],
  });
}

/** `[::1]` → `::1`: URL keeps the brackets of IPv6 hosts. */
function unbracketed(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, "$1");
}
