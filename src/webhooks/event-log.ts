import type { WebhookEvent } from "../contract/webhooks.js";

/** How many events `ssn://events/recent` keeps, newest first. */
export const RECENT_EVENTS = 50;
/** How long an event id is remembered for deduplication: SSN retries well inside a day. */
export const DEDUPLICATION_MS = 24 * 60 * 60 * 1000;

/**
 * Received webhook events: deduplicated by id, the recent ones kept, and each new one announced to
 * every listener — in this process, or on every replica when the log is shared (Redis).
 */
export interface EventLog {
  /** Stores the event unless its id was seen; true when it is new. */
  record(event: WebhookEvent): Promise<boolean>;
  recent(): Promise<WebhookEvent[]>;
  onEvent(listener: (event: WebhookEvent) => void): () => void;
  close(): Promise<void>;
}

export class InMemoryEventLog implements EventLog {
  private readonly seen = new Map<string, number>();
  private readonly events: WebhookEvent[] = [];
  private readonly listeners = new Set<(event: WebhookEvent) => void>();

  constructor(private readonly now: () => number = Date.now) {}

  async record(event: WebhookEvent): Promise<boolean> {
    const now = this.now();
    for (const [id, at] of this.seen) if (at + DEDUPLICATION_MS <= now) this.seen.delete(id);
    if (this.seen.has(event.id)) return false;
    this.seen.set(event.id, now);
    this.events.unshift(event);
    this.events.length = Math.min(this.events.length, RECENT_EVENTS);
    for (const listener of this.listeners) listener(event);
    return true;
  }

  async recent(): Promise<WebhookEvent[]> {
    return [...this.events];
  }

  onEvent(listener: (event: WebhookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {}
}
