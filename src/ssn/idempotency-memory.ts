import { createHash, randomUUID } from "node:crypto";

/** How long the same create reuses its key, so a repeated call replays instead of duplicating. */
export const IDEMPOTENCY_MEMORY_MS = 15 * 60 * 1000;

/**
 * Remembers the Idempotency-Key of each recent create by what was created (operation, body,
 * credential): the same create repeated within the window reuses the key, and the API replays
 * the first result instead of making a second record.
 */
export class IdempotencyMemory {
  private readonly keys = new Map<string, { key: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  keyFor(operation: string, clientId: string, body: unknown): string {
    const fingerprint = createHash("sha256")
      .update(JSON.stringify([operation, clientId, canonical(body)]))
      .digest("hex");
    const now = this.now();
    this.evictExpired(now);
    const remembered = this.keys.get(fingerprint);
    if (remembered) return remembered.key;
    const key = randomUUID();
    this.keys.set(fingerprint, { key, expiresAt: now + IDEMPOTENCY_MEMORY_MS });
    return key;
  }

  private evictExpired(now: number): void {
    for (const [fingerprint, entry] of this.keys) {
      if (entry.expiresAt <= now) this.keys.delete(fingerprint);
    }
  }
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` are the same create. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}
