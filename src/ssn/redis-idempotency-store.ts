import type { Redis } from "ioredis";
import type { IdempotencyKeyStore } from "./idempotency-memory.js";

/** Namespaced so the keys are recognisable in a Redis shared with other software. */
const KEY_PREFIX = "ssn-mcp:idempotency:";

const FORGET_IF_UNCHANGED = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;

/**
 * Create keys kept in Redis, so every replica behind a load balancer reuses the key of a create
 * first sent through another: a retry that lands elsewhere is still replayed, never duplicated.
 */
export class RedisKeyStore implements IdempotencyKeyStore {
  constructor(private readonly redis: Redis) {}

  async remember(fingerprint: string, candidate: string, ttlMs: number): Promise<string> {
    try {
      // One atomic command: store the candidate unless a key is there, and return the one that was.
      const previous = await this.redis.set(
        `${KEY_PREFIX}${fingerprint}`,
        candidate,
        "PX",
        ttlMs,
        "NX",
        "GET",
      );
      return previous ?? candidate;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Without the shared key a retry through another replica could duplicate the write: refuse.
      throw new Error(
        `the shared idempotency store (Redis) did not answer (${reason}); nothing was sent to SSN, so calling again is safe`,
      );
    }
  }

  async forget(fingerprint: string, key: string): Promise<void> {
    // Compare and delete in one step, so a key another replica just stored is never dropped.
    // Best effort: if Redis cannot be reached the key expires by itself, and the caller needs to
    // see the API's refusal that led here, not a Redis error.
    await this.redis.eval(FORGET_IF_UNCHANGED, 1, `${KEY_PREFIX}${fingerprint}`, key).catch(() => {});
  }
}
