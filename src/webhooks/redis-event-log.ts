import type { Redis } from "ioredis";
import { WebhookEvent } from "../contract/webhooks.js";
import { DEDUPLICATION_MS, type EventLog, RECENT_EVENTS } from "./event-log.js";

const PREFIX = "ssn-mcp:events:";
const RECENT_KEY = `${PREFIX}recent`;
const CHANNEL = `${PREFIX}received`;

/**
 * The event log every replica shares: an event id is claimed once across replicas (`SET NX`), the
 * recent list lives in Redis, and each new event is published so every replica tells its own
 * sessions — an event delivered to one replica reaches assistants connected to another.
 */
export class RedisEventLog implements EventLog {
  private readonly listeners = new Set<(event: WebhookEvent) => void>();
  private readonly subscriber: Redis;

  constructor(private readonly redis: Redis) {
    this.subscriber = redis.duplicate();
    this.subscriber.on("message", (_channel: string, message: string) => {
      const event = readEvent(message);
      if (event) for (const listener of this.listeners) listener(event);
    });
  }

  /** Resolves once this replica hears what every replica publishes. */
  async listen(): Promise<void> {
    await this.subscriber.subscribe(CHANNEL);
  }

  async record(event: WebhookEvent): Promise<boolean> {
    const claimed = await this.redis.set(`${PREFIX}seen:${event.id}`, "1", "PX", DEDUPLICATION_MS, "NX");
    if (claimed !== "OK") return false;
    const json = JSON.stringify(event);
    try {
      await this.redis
        .multi()
        .lpush(RECENT_KEY, json)
        .ltrim(RECENT_KEY, 0, RECENT_EVENTS - 1)
        .publish(CHANNEL, json)
        .exec();
    } catch (error) {
      // Not stored: release the id, so SSN's retry of this delivery is taken, not ignored as a duplicate.
      await this.redis.del(`${PREFIX}seen:${event.id}`).catch(() => {});
      throw error;
    }
    return true;
  }

  async recent(): Promise<WebhookEvent[]> {
    const rows = await this.redis.lrange(RECENT_KEY, 0, RECENT_EVENTS - 1);
    return rows.flatMap((row) => readEvent(row) ?? []);
  }

  onEvent(listener: (event: WebhookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}

/** An event as stored or published; anything else (another program's data) is skipped. */
function readEvent(json: string): WebhookEvent | undefined {
  try {
    const event = WebhookEvent.safeParse(JSON.parse(json));
    return event.success ? event.data : undefined;
  } catch {
    return undefined;
  }
}
