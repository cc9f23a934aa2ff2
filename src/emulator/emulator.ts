import { toApiTime } from "../contract/datetime.js";
import { BoundedLog } from "./bounded-log.js";
import { FaultStore } from "./faults.js";
import { IdempotencyStore } from "./idempotency.js";
import type { RequestLogEntry } from "./request-log.js";
import type { Seed } from "./seed.js";
import { EmulatorState } from "./state.js";
import { TokenStore } from "./tokens.js";
import { WebhookDeliveries } from "./webhook-delivery.js";

export interface EmulatorConfig {
  seed: Seed;
  environment: string;
  tokenTtlSeconds: number;
  /** Milliseconds since the epoch; tests inject a clock to expire tokens without waiting. */
  now: () => number;
  /** Gets one line per request and every unexpected error. */
  log: (line: string) => void;
  /** Waits before each webhook delivery retry. */
  webhookRetryDelaysMs: readonly number[];
}

/** One emulator instance: its records and stores. Nothing is global, so instances are independent. */
export class Emulator {
  readonly state: EmulatorState;
  readonly tokens: TokenStore;
  readonly idempotency: IdempotencyStore;
  readonly faults = new FaultStore();
  readonly requests = new BoundedLog<RequestLogEntry>();
  readonly webhooks: WebhookDeliveries;

  constructor(readonly config: EmulatorConfig) {
    this.state = new EmulatorState(config.seed, this.timestamp());
    this.tokens = new TokenStore(config.now);
    this.idempotency = new IdempotencyStore(config.now);
    this.webhooks = new WebhookDeliveries({
      now: config.now,
      retryDelaysMs: config.webhookRetryDelaysMs,
      log: config.log,
    });
  }

  /**
   * Back to the state at start: the seed reloaded, and issued tokens, idempotency keys, fault rules,
   * the request log and webhook deliveries (pending ones too) dropped — so clients must get new tokens
   * after a reset.
   */
  reset(): void {
    this.state.reload(this.timestamp());
    this.tokens.clear();
    this.idempotency.clear();
    this.faults.clear();
    this.requests.clear();
    this.webhooks.reset();
  }

  /** Now, as the API writes times. */
  timestamp(): string {
    return toApiTime(new Date(this.config.now()));
  }
}
