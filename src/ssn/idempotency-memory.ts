import { createHash, randomUUID } from "node:crypto";

/** How long the same create reuses its key, so a repeated call replays instead of duplicating. */
export const IDEMPOTENCY_MEMORY_MS = 15 * 60 * 1000;

/**
 * Where remembered keys live: in this process by default, or somewhere every replica reaches
 * (Redis), so a retry that lands on another replica still reuses the first key.
 */
export interface IdempotencyKeyStore {
  /**
   * Atomically: the key remembered for `fingerprint` if one is still within its window, else
   * `candidate`, which is then remembered for `ttlMs`.
   */
  remember(fingerprint: string, candidate: string, ttlMs: number): Promise<string>;
  /** Forgets `fingerprint`'s key if it is still `key` (a later create may have replaced it). */
  forget(fingerprint: string, key: string): Promise<void>;
}

/** The default store: this process's memory. */
export class InMemoryKeyStore implements IdempotencyKeyStore {
  private readonly keys = new Map<string, { key: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async remember(fingerprint: string, candidate: string, ttlMs: number): Promise<string> {
    const now = this.now();
    this.evictExpired(now);
    const remembered = this.keys.get(fingerprint);
    if (remembered) return remembered.key;
    this.keys.set(fingerprint, { key: candidate, expiresAt: now + ttlMs });
    return candidate;
  }

  async forget(fingerprint: string, key: string): Promise<void> {
    if (this.keys.get(fingerprint)?.key === key) this.keys.delete(fingerprint);
  }

  private evictExpired(now: number): void {
    for (const [fingerprint, entry] of this.keys) {
      if (entry.expiresAt <= now) this.keys.delete(fingerprint);
    }
  }
}

/**
 * Remembers the Idempotency-Key of each recent create by what was created (operation, body,
 * credential): the same create repeated within the window reuses the key, and the API replays
 * the first result instead of making a second record.
 */
export class IdempotencyMemory {
  constructor(private readonly store: IdempotencyKeyStore = new InMemoryKeyStore()) {}

  keyFor(operation: string, clientId: string, body: unknown): Promise<string> {
    return this.store.remember(fingerprint(operation, clientId, body), randomUUID(), IDEMPOTENCY_MEMORY_MS);
  }

  /**
   * Forgets the key of a create the API refused (a definite 4xx): the same create after the cause
   * is fixed (the site created, the project activated) must be sent anew, not answered by a replay.
   */
  forget(operation: string, clientId: string, body: unknown, key: string): Promise<void> {
    return this.store.forget(fingerprint(operation, clientId, body), key);
  }
}

function fingerprint(operation: string, clientId: string, body: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([operation, clientId, canonical(body)]))
    .digest("hex");
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
