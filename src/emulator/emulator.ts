import { toApiTime } from "../contract/datetime.js";
import { FaultStore } from "./faults.js";
import { IdempotencyStore } from "./idempotency.js";
import { RequestLog } from "./request-log.js";
import type { Seed } from "./seed.js";
import { EmulatorState } from "./state.js";
import { TokenStore } from "./tokens.js";

export interface EmulatorConfig {
  seed: Seed;
  environment: string;
  tokenTtlSeconds: number;
  /** Milliseconds since the epoch; tests inject a clock to expire tokens without waiting. */
  now: () => number;
  /** Gets one line per request and every unexpected error. */
  log: (line: string) => void;
}

/** One emulator instance: its records and stores. Nothing is global, so instances are independent. */
export class Emulator {
  readonly state: EmulatorState;
  readonly tokens: TokenStore;
  readonly idempotency: IdempotencyStore;
  readonly faults = new FaultStore();
  readonly requests = new RequestLog();

  constructor(readonly config: EmulatorConfig) {
    this.state = new EmulatorState(config.seed, this.timestamp());
    this.tokens = new TokenStore(config.now);
    this.idempotency = new IdempotencyStore(config.now);
  }

  /**
   * Back to the state at start: the seed reloaded, and issued tokens, idempotency keys, fault rules
   * and the request log dropped — so clients must get new tokens after a reset.
   */
  reset(): void {
    this.state.reload(this.timestamp());
    this.tokens.clear();
    this.idempotency.clear();
    this.faults.clear();
    this.requests.clear();
  }

  /** Now, as the API writes times. */
  timestamp(): string {
    return toApiTime(new Date(this.config.now()));
  }
}
