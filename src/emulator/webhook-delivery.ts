import { toApiTime } from "../contract/datetime.js";
import { WEBHOOK_DELIVERY_TIMEOUT_MS, WEBHOOK_HEADERS, webhookSignature } from "../contract/webhooks.js";
import { notFound } from "./api-error.js";
import { BoundedLog } from "./bounded-log.js";
import type { EmulatorEvent } from "./records/webhook-events.js";
import { subscribersOf } from "./records/webhook-subscriptions.js";
import type { Tenant, WebhookSubscriptionRecord } from "./state.js";

/** One POST of an event to a subscription, as `GET /_emulator/deliveries` shows it (no secrets). */
export interface DeliveryLogEntry {
  eventId: string;
  url: string;
  /** The receiver's HTTP status; null while the attempt waits, and when no answer came. */
  status: number | null;
  /** 1 for the first POST of the event to this subscription; retries and redeliveries count on. */
  attempt: number;
  /** When the attempt started (UTC); `webhook-timestamp` is the same moment in seconds. */
  at: string;
  subscriptionId: string;
  outcome: "pending" | "delivered" | "failed";
  /** Why no answer came (timeout, connection refused); null when one did. */
  error: string | null;
}

export interface WebhookDeliveryOptions {
  /** Milliseconds since the epoch: stamps `at` and `webhook-timestamp`. */
  now: () => number;
  /** Waits before the 2nd, 3rd, … attempt after a failure; then the delivery is given up. */
  retryDelaysMs: readonly number[];
  /** Gets unexpected errors. */
  log: (line: string) => void;
}

/** An event as it was published: the raw body every attempt sends, and who it went to. */
interface PublishedEvent {
  tenant: Tenant;
  event: EmulatorEvent;
  body: string;
  /** Attempts so far, per subscription it was sent to. */
  attempts: Map<string, number>;
}

/** An event on its way to one subscription: attempts until one gets a 2xx or the retries run out. */
interface Delivery {
  published: PublishedEvent;
  subscriptionId: string;
  failures: number;
}

/**
 * Webhook delivery (contract.md "Webhook delivery"): at least once, asynchronously, signed per
 * Standard Webhooks. A non-2xx answer or none within 10 s is retried after `retryDelaysMs` on real
 * timers (the injected clock only stamps times), so a test drives retries with `retryNow()` instead
 * of waiting. Attempts start inside `publish`, so the delivery log shows them before the API answers.
 */
export class WebhookDeliveries {
  readonly log = new BoundedLog<DeliveryLogEntry>();
  private readonly events = new Map<string, PublishedEvent>();
  private readonly retries = new Map<Delivery, NodeJS.Timeout>();
  /** Aborted by `stop()`: attempts under way are abandoned and record nothing more. */
  private stopping = new AbortController();

  constructor(private readonly options: WebhookDeliveryOptions) {}

  /**
   * Sends the event to each of the tenant's subscriptions for its type, without waiting for any. Only
   * an event that went somewhere is kept (for redelivery).
   */
  publish(tenant: Tenant, event: EmulatorEvent): void {
    const subscribers = subscribersOf(tenant, event.type);
    if (subscribers.length === 0) return;
    const published = { tenant, event, body: JSON.stringify(event), attempts: new Map<string, number>() };
    this.events.set(event.id, published);
    for (const subscription of subscribers) this.start(published, subscription.id);
  }

  /**
   * Sends a published event again — same id, same body, a fresh timestamp and signature — to every
   * subscription it went to that still exists, each a new delivery with its own retries. Returns how many.
   */
  redeliver(eventId: string): number {
    const published = this.events.get(eventId);
    if (!published) throw notFound("event", eventId);
    const subscriptionIds = [...published.attempts.keys()].filter((id) =>
      published.tenant.webhookSubscriptions.has(id),
    );
    for (const subscriptionId of subscriptionIds) this.start(published, subscriptionId);
    return subscriptionIds.length;
  }

  /** Runs every scheduled retry now instead of at its time; returns how many. */
  retryNow(): number {
    const due = [...this.retries];
    for (const [delivery, timer] of due) {
      clearTimeout(timer);
      this.retries.delete(delivery);
      this.run(delivery);
    }
    return due.length;
  }

  /** Drops scheduled retries and abandons attempts under way (`close()`, `reset`). */
  stop(): void {
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
    this.stopping.abort();
    this.stopping = new AbortController();
  }

  /** Stops, then forgets published events and the delivery log. */
  reset(): void {
    this.stop();
    this.events.clear();
    this.log.clear();
  }

  private start(published: PublishedEvent, subscriptionId: string): void {
    this.run({ published, subscriptionId, failures: 0 });
  }

  private run(delivery: Delivery): void {
    this.attempt(delivery).catch((error: unknown) => {
      this.options.log(`webhook delivery failed unexpectedly: ${(error as Error)?.stack ?? String(error)}`);
    });
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const { published, subscriptionId } = delivery;
    // A deleted subscription gets nothing more, not even pending retries.
    const subscription = published.tenant.webhookSubscriptions.get(subscriptionId);
    if (!subscription) return;
    const attempt = (published.attempts.get(subscriptionId) ?? 0) + 1;
    published.attempts.set(subscriptionId, attempt);
    const startedAt = this.options.now();
    const entry: DeliveryLogEntry = {
      eventId: published.event.id,
      url: subscription.url,
      status: null,
      attempt,
      at: toApiTime(new Date(startedAt)),
      subscriptionId,
      outcome: "pending",
      error: null,
    };
    this.log.add(entry);

    const stopped = this.stopping.signal;
    try {
      entry.status = await post(subscription, published, Math.floor(startedAt / 1000), stopped);
    } catch (error) {
      entry.error = failureReason(error);
    }
    if (stopped.aborted) return;
    const delivered = entry.status !== null && entry.status >= 200 && entry.status < 300;
    entry.outcome = delivered ? "delivered" : "failed";
    if (!delivered) this.scheduleRetry(delivery);
  }

  private scheduleRetry(delivery: Delivery): void {
    const delay = this.options.retryDelaysMs[delivery.failures];
    delivery.failures += 1;
    if (delay === undefined) return;
    const timer = setTimeout(() => {
      this.retries.delete(delivery);
      this.run(delivery);
    }, delay);
    // A pending retry must not keep the process alive on its own.
    timer.unref();
    this.retries.set(delivery, timer);
  }
}

/** POSTs the event's raw body with the Standard Webhooks headers; resolves to the receiver's status. */
async function post(
  subscription: WebhookSubscriptionRecord,
  { event, body }: PublishedEvent,
  timestamp: number,
  stopped: AbortSignal,
): Promise<number> {
  const response = await fetch(subscription.url, {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      [WEBHOOK_HEADERS.id]: event.id,
      [WEBHOOK_HEADERS.timestamp]: String(timestamp),
      [WEBHOOK_HEADERS.signature]: webhookSignature(subscription.secret, event.id, timestamp, body),
    },
    // A redirect is not an acceptance: it counts as a failed attempt.
    redirect: "manual",
    signal: AbortSignal.any([stopped, AbortSignal.timeout(WEBHOOK_DELIVERY_TIMEOUT_MS)]),
  });
  await response.body?.cancel();
  return response.status;
}

function failureReason(error: unknown): string {
  if ((error as Error).name === "TimeoutError") {
    return `no answer within ${WEBHOOK_DELIVERY_TIMEOUT_MS / 1000} s`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `no answer: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}
