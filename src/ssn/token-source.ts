import { parseScopeString, type Scope } from "../contract/scopes.js";
import { parseErrorBody } from "./error-body.js";
import { SsnAuthError, SsnError, SsnOutcomeUnknownError, SsnUnreachableError } from "./errors.js";
import type { HttpTransport } from "./http.js";

export interface Credential {
  clientId: string;
  clientSecret: string;
}

export interface AccessToken {
  value: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Scopes the token response granted; `undefined` when it did not say. */
  grantedScopes: Scope[] | undefined;
}

/** Refresh once this share of a token's lifetime has passed, so calls never race its expiry. */
const REFRESH_AT_SHARE = 0.8;

/**
 * OAuth2 client-credentials tokens for one credential: cached, refreshed before expiry, and
 * fetched by one request at a time however many callers wait for it.
 */
export class TokenSource {
  private current: AccessToken | undefined;
  private refreshAfter = 0;
  private inFlight: Promise<AccessToken> | undefined;
  /** Whether to send `scope=`; turned off once the endpoint refuses the requested set. */
  private askForScopes = true;
  private readonly listeners = new Set<(token: AccessToken) => void>();

  constructor(
    private readonly transport: HttpTransport,
    private readonly tokenUrl: string,
    private readonly credential: Credential,
    /** Scopes to ask for (`scope=`); all allowed scopes when undefined. */
    private readonly requestedScopes: readonly Scope[] | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached token, if any; never triggers a request. */
  peek(): AccessToken | undefined {
    return this.current;
  }

  /** Called with every newly fetched token. */
  onToken(listener: (token: AccessToken) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async get(signal?: AbortSignal): Promise<AccessToken> {
    if (this.current && this.now() < this.refreshAfter) return this.current;
    return this.refresh(signal);
  }

  /** Drops `rejected` (the API said 401 to it) and fetches a new token, sharing one request. */
  async replace(rejected: AccessToken, signal?: AbortSignal): Promise<AccessToken> {
    if (this.current && this.current.value !== rejected.value) return this.current;
    this.refreshAfter = 0;
    return this.refresh(signal);
  }

  /** When the current token should be renewed (epoch ms), or undefined without one. */
  renewalDue(): number | undefined {
    return this.current ? this.refreshAfter : undefined;
  }

  /** One shared request; a caller that gives up stops waiting without cancelling it for the others. */
  private refresh(signal?: AbortSignal): Promise<AccessToken> {
    this.inFlight ??= this.fetchToken().finally(() => {
      this.inFlight = undefined;
    });
    return signal ? untilAborted(this.inFlight, signal) : this.inFlight;
  }

  private async fetchToken(): Promise<AccessToken> {
    const startedAt = this.now();
    let response = await this.requestToken(this.askForScopes ? this.requestedScopes : undefined);
    if (
      response.status === 400 &&
      this.askForScopes &&
      parseErrorBody(response.text).code === "invalid_scope"
    ) {
      // Asked for a scope the credential does not have: take what it has; the scope policy still
      // narrows the result to SSN_SCOPES, so "never more than asked for" holds either way.
      this.askForScopes = false;
      response = await this.requestToken(undefined);
    }
    if (response.status !== 200) {
      const parsed = parseErrorBody(response.text);
      const reason = parsed.message && parsed.message !== parsed.code ? `: ${parsed.message}` : "";
      const verdict =
        response.status < 500 ? `refused the credential "${this.credential.clientId}"` : "failed";
      throw new SsnAuthError(
        `the SSN token endpoint ${verdict} with HTTP ${response.status}${parsed.code ? ` ${parsed.code}` : ""}${reason}`,
        parsed.code,
        response.status,
      );
    }
    const token = readTokenResponse(response.text, startedAt);
    this.current = token;
    this.refreshAfter = startedAt + (token.expiresAt - startedAt) * REFRESH_AT_SHARE;
    for (const listener of this.listeners) listener(token);
    return token;
  }

  /** Getting a token changes nothing: a connection lost mid-request is just "unreachable". */
  private async requestToken(scopes: readonly Scope[] | undefined) {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.credential.clientId,
      client_secret: this.credential.clientSecret,
    });
    if (scopes?.length) form.set("scope", scopes.join(" "));
    try {
      return await this.transport.send({
        method: "POST",
        url: this.tokenUrl,
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: form.toString(),
      });
    } catch (error) {
      if (error instanceof SsnOutcomeUnknownError) throw new SsnUnreachableError(error.message);
      throw error;
    }
  }
}

function readTokenResponse(text: string, issuedAt: number): AccessToken {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SsnError("the SSN token endpoint answered 200 with a body that is not JSON");
  }
  if (typeof body.access_token !== "string" || body.access_token.length === 0) {
    throw new SsnError("the SSN token endpoint answered without an access_token");
  }
  const expiresIn = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 3600;
  return {
    value: body.access_token,
    expiresAt: issuedAt + expiresIn * 1000,
    grantedScopes: typeof body.scope === "string" ? parseScopeString(body.scope).known : undefined,
  };
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
