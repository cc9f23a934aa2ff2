import type { Config } from "../config.js";
import type { Scope } from "../contract/scopes.js";
import type { Logger } from "../log.js";
import { SsnClient } from "../ssn/client.js";
import { ScopeNotGrantedError } from "../ssn/errors.js";
import type { IdempotencyKeyStore } from "../ssn/idempotency-memory.js";
import type { RetryPolicy } from "../ssn/retry-policy.js";
import type { ScopeSource } from "../ssn/scope-policy.js";
import type { EventLog } from "../webhooks/event-log.js";
import { partitionTools } from "./gating.js";
import type { StatusReport } from "./status-report.js";
import type { ToolDefinition } from "./tool.js";

/** First retry after a failed token request, doubling up to the cap. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 60_000;
const UNKNOWN_SCOPES =
  "the token response did not say which scopes were granted, so none are assumed; set SSN_SCOPES to the scopes this credential has";

/** Longest a new connection waits for the first token attempt before it is served anyway. */
const FIRST_ATTEMPT_WAIT_MS = 5_000;

/**
 * What outlives any one MCP connection: the SSN client and its token, the visible tool set, and
 * the current problem, if any. Servers built per connection read it and listen for changes.
 */
export class Runtime {
  readonly client: SsnClient | undefined;
  /** Webhook events received by this deployment, when it runs a receiver. */
  events: EventLog | undefined;
  private problem: string | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay = RETRY_FIRST_MS;
  private firstAttempt: Promise<boolean> | undefined;
  private visibleNames: string;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly config: Config,
    readonly tools: readonly ToolDefinition[],
    readonly logger: Logger,
    /** For embedding: overrides of the SSN client's retry policy; the deadline always comes from config. */
    retryPolicy: Partial<RetryPolicy> = {},
    /** Where create keys are remembered; shared between replicas in HTTP mode with Redis. */
    idempotencyStore?: IdempotencyKeyStore,
  ) {
    this.problem = config.credentialProblem;
    if (config.credential) {
      logger.addSecret(config.credential.clientSecret);
      this.client = new SsnClient({
        baseUrl: config.baseUrl,
        credential: config.credential,
        configuredScopes: config.configuredScopes,
        readOnly: config.readOnly,
        requestTimeoutMs: config.timeoutMs,
        retryPolicy: { ...retryPolicy, deadlineMs: config.timeoutMs },
        idempotencyStore,
      });
      this.client.tokens.onToken((token) => {
        logger.addSecret(token.value);
        this.problem = undefined;
        this.scheduleRenewal();
        this.publishIfChanged();
      });
    }
    this.visibleNames = this.visibleToolNames();
  }

  /** Starts getting the first token; on failure keeps trying with backoff until one works. */
  start(): void {
    this.firstAttempt ??= this.connect();
  }

  /**
   * Settles once the first token attempt has succeeded or failed (or after a bound, for an API
   * that does not answer), so a new connection sees the credential's real tools and resources
   * instead of racing the token request.
   */
  async settled(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FIRST_ATTEMPT_WAIT_MS);
    });
    await Promise.race([this.firstAttempt, bound]);
    clearTimeout(timer);
  }

  private async connect(): Promise<boolean> {
    if (!this.client) return false;
    try {
      await this.client.tokens.get();
      this.retryDelay = RETRY_FIRST_MS;
      this.logger.info(`connected to ${this.config.baseUrl} as ${this.client.clientId}`);
      return true;
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      this.logger.warning(`${this.problem}; retrying in ${Math.round(this.retryDelay / 1000)} s`);
      this.schedule(this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, RETRY_MAX_MS);
      return false;
    }
  }

  /**
   * Renews the token ahead of expiry even while no call needs it, so a change in the granted
   * scopes reaches the listed tools (and clients, through list_changed) without waiting for a call.
   */
  private scheduleRenewal(): void {
    const due = this.client?.tokens.renewalDue();
    if (due !== undefined) this.schedule(due - Date.now());
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.connect(), Math.max(0, delayMs));
    this.retryTimer.unref();
  }

  /** The SSN client for a read that needs `scope`; throws, naming the scope, when it is not granted. */
  clientWith(scope: Scope): SsnClient {
    if (!this.client?.hasScope(scope)) throw new ScopeNotGrantedError(scope);
    return this.client;
  }

  /** Called when the visible tools (and so resources) change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  partition() {
    const scopes = this.client?.scopes() ?? { scopes: [], source: "no-token" as const };
    return partitionTools(this.tools, {
      grantedByToken: this.client?.tokens.peek()?.grantedScopes ?? scopes.scopes,
      usable: scopes.scopes,
      whyNoScopes: this.whyNoScopes(scopes.source),
      readOnly: this.config.readOnly,
      allowList: this.config.toolAllowList,
      toolsets: this.config.toolsets,
    });
  }

  /** The reason no scope can be relied on yet, when that is the case: the real problem, not "lacks". */
  private whyNoScopes(source: ScopeSource): string | undefined {
    if (source === "no-token") {
      return `not connected to SSN: ${this.problem ?? "the first token request is still under way"}`;
    }
    if (source === "unknown") return UNKNOWN_SCOPES;
    return undefined;
  }

  status(): StatusReport {
    const { visible, hidden } = this.partition();
    const scopes = this.client?.scopes() ?? { scopes: [], source: "no-token" as const };
    const token = this.client?.tokens.peek();
    return {
      environment: this.config.environment,
      baseUrl: this.config.baseUrl,
      clientId: this.config.credential?.clientId,
      localSandbox: this.config.localSandbox,
      connected: token !== undefined && this.problem === undefined,
      problem:
        this.problem ??
        (token ? undefined : "the first token request is still under way") ??
        (scopes.source === "unknown" ? UNKNOWN_SCOPES : undefined),
      grantedScopes: scopes.scopes,
      scopeSource: scopes.source,
      readOnly: this.config.readOnly,
      tokenExpiresAt: token ? new Date(token.expiresAt).toISOString() : undefined,
      visibleTools: visible.map((tool) => tool.name),
      hiddenTools: hidden,
    };
  }

  async close(): Promise<void> {
    clearTimeout(this.retryTimer);
    await this.events?.close();
    await this.client?.close();
  }

  private visibleToolNames(): string {
    return this.partition()
      .visible.map((tool) => tool.name)
      .join(",");
  }

  private publishIfChanged(): void {
    const names = this.visibleToolNames();
    if (names === this.visibleNames) return;
    this.visibleNames = names;
    this.logger.info(`visible tools now: ${names}`);
    for (const listener of this.listeners) listener();
  }
}
