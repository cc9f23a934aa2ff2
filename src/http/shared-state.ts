import { Redis } from "ioredis";
import type { Logger } from "../log.js";
import { type IdempotencyKeyStore, InMemoryKeyStore } from "../ssn/idempotency-memory.js";
import { RedisKeyStore } from "../ssn/redis-idempotency-store.js";
import { type EventLog, InMemoryEventLog } from "../webhooks/event-log.js";
import { RedisEventLog } from "../webhooks/redis-event-log.js";

/** A Redis command that takes longer fails the create (nothing sent) rather than holding it. */
const REDIS_TIMEOUT_MS = 2_000;

/**
 * State replicas must share — the 15-minute memory of create keys and the received webhook events
 * — in Redis with `SSN_REDIS_URL`, so a retry that lands on another replica reuses the first key and
 * an event received by one replica reaches sessions on all; else in this process's memory.
 */
export interface SharedState {
  idempotency: IdempotencyKeyStore;
  /** Where received webhook events are kept and announced. */
  openEventLog(): Promise<EventLog>;
  /** Why the shared store cannot be used right now, if it cannot. */
  problem(): string | undefined;
  close(): Promise<void>;
}

export function openSharedState(redisUrl: string | undefined, logger: Logger): SharedState {
  if (!redisUrl) {
    return {
      idempotency: new InMemoryKeyStore(),
      openEventLog: async () => new InMemoryEventLog(),
      problem: () => undefined,
      close: async () => {},
    };
  }
  const { password } = new URL(redisUrl);
  if (password) logger.addSecret(decodeURIComponent(password));
  const redis = new Redis(redisUrl, {
    connectTimeout: REDIS_TIMEOUT_MS,
    commandTimeout: REDIS_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
  });
  let down = false;
  redis.on("error", (error: Error) => {
    if (down) return;
    down = true;
    logger.warning(
      `the shared store (Redis) is unreachable: ${error.message}; creates are refused until it is back`,
    );
  });
  redis.on("ready", () => {
    if (down) logger.info("the shared store (Redis) is reachable again");
    down = false;
  });
  return {
    idempotency: new RedisKeyStore(redis),
    openEventLog: async () => {
      const log = new RedisEventLog(redis);
      await log.listen();
      return log;
    },
    problem: () => (redis.status === "ready" ? undefined : "the shared store (Redis) is not reachable"),
    close: async () => redis.disconnect(),
  };
}
