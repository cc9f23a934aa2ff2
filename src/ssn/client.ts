import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import { ENDPOINTS, type EndpointName, TOKEN_PATH } from "../contract/endpoints.js";
import { HEADERS } from "../contract/errors.js";
import {
  detectFileType,
  FILE_TYPES,
  MAX_UPLOAD_BYTES,
  UPLOAD_FIELD,
  UPLOADS,
  type UploadEndpointName,
} from "../contract/files.js";
import {
  FileMeta,
  Item,
  Message,
  type MessageCreate,
  type MessagePatch,
  Project,
  Site,
  type SiteCreate,
  type SitePatch,
  SiteVisit,
  type SiteVisitCreate,
  type SiteVisitPatch,
} from "../contract/schemas.js";
import type { Scope } from "../contract/scopes.js";
import {
  CreatedWebhookSubscription,
  WebhookSubscription,
  type WebhookSubscriptionCreate,
} from "../contract/webhooks.js";
import { parseErrorBody } from "./error-body.js";
import {
  ScopeNotGrantedError,
  SsnApiError,
  SsnError,
  SsnFileRejectedError,
  SsnOutcomeUnknownError,
  SsnTimeoutError,
  SsnUnreachableError,
} from "./errors.js";
import { isComplete } from "./file-integrity.js";
import { HttpTransport, header } from "./http.js";
import { type IdempotencyKeyStore, IdempotencyMemory, InMemoryKeyStore } from "./idempotency-memory.js";
import { encodeMultipart, type UploadFile } from "./multipart.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from "./retry-policy.js";
import { type EffectiveScopes, effectiveScopes } from "./scope-policy.js";
import { type AccessToken, type Credential, TokenSource } from "./token-source.js";

export interface SsnClientOptions {
  baseUrl: string;
  credential: Credential;
  /** `SSN_SCOPES`: asked for at the token endpoint and never exceeded. */
  configuredScopes?: readonly Scope[];
  readOnly?: boolean;
  /** Longest wait for one HTTP answer. */
  requestTimeoutMs?: number;
  retryPolicy?: Partial<RetryPolicy>;
  /** Where the 15-minute memory of create keys lives; this process's memory unless shared (Redis). */
  idempotencyStore?: IdempotencyKeyStore;
  now?: () => number;
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor: string | undefined;
}

export interface Written<T> {
  record: T;
  /** The API replayed an earlier identical create instead of making a new record. */
  replayed: boolean;
}

export type ListQuery = {
  pageSize?: number;
  cursor?: string;
};

export interface CallOptions {
  signal?: AbortSignal;
}

export interface CreateOptions extends CallOptions {
  /** Overrides the remembered key for this create. */
  idempotencyKey?: string;
}

export interface PatchOptions extends CallOptions {
  /** Sent as `If-Match`; a stale version gets 409 `version_conflict`. */
  expectedVersion?: number;
}

interface ApiCall {
  endpoint: EndpointName;
  id?: string;
  query?: Record<string, string | number | undefined>;
  /** A JSON body, or a file sent as multipart/form-data. */
  body?: unknown;
  file?: UploadFile;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

interface ApiAnswer {
  body: unknown;
  replayed: boolean;
}

/** The SSN API for one credential: scope-checked, token-managed, idempotent creates. */
export class SsnClient {
  readonly tokens: TokenSource;
  private readonly transport: HttpTransport;
  private readonly idempotency: IdempotencyMemory;
  private readonly retryPolicy: RetryPolicy;

  constructor(private readonly options: SsnClientOptions) {
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
    this.transport = new HttpTransport(options.requestTimeoutMs ?? 30_000);
    this.tokens = new TokenSource(
      this.transport,
      this.url(TOKEN_PATH),
      options.credential,
      options.configuredScopes,
      options.now,
    );
    this.idempotency = new IdempotencyMemory(options.idempotencyStore ?? new InMemoryKeyStore(options.now));
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  get clientId(): string {
    return this.options.credential.clientId;
  }

  /** The scopes calls may use now; empty until a token has been had. */
  scopes(): EffectiveScopes {
    const token = this.tokens.peek();
    return effectiveScopes(token?.grantedScopes, token !== undefined, {
      configuredScopes: this.options.configuredScopes,
      readOnly: this.options.readOnly ?? false,
    });
  }

  hasScope(scope: Scope): boolean {
    return this.scopes().scopes.includes(scope);
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  // ---- Sites ----
  listSites(query: ListQuery & { siteCode?: string }, options?: CallOptions): Promise<Page<Site>> {
    return this.list("listSites", Site, query, options);
  }

  createSite(site: SiteCreate, options?: CreateOptions): Promise<Written<Site>> {
    return this.create("createSite", Site, site, options);
  }

  getSite(id: string, options?: CallOptions): Promise<Site> {
    return this.get("getSite", Site, id, options);
  }

  patchSite(id: string, patch: SitePatch, options?: PatchOptions): Promise<Site> {
    return this.patch("patchSite", Site, id, patch, options);
  }

  // ---- Reference data ----
  listProjects(query: ListQuery, options?: CallOptions): Promise<Page<Project>> {
    return this.list("listProjects", Project, query, options);
  }

  listItems(query: ListQuery, options?: CallOptions): Promise<Page<Item>> {
    return this.list("listItems", Item, query, options);
  }

  // ---- Site visits ----
  listSiteVisits(
    query: ListQuery & { clientTicketNumber?: string; clientSiteId?: string },
    options?: CallOptions,
  ): Promise<Page<SiteVisit>> {
    return this.list("listSiteVisits", SiteVisit, query, options);
  }

  createSiteVisit(visit: SiteVisitCreate, options?: CreateOptions): Promise<Written<SiteVisit>> {
    return this.create("createSiteVisit", SiteVisit, visit, options);
  }

  getSiteVisit(id: string, options?: CallOptions): Promise<SiteVisit> {
    return this.get("getSiteVisit", SiteVisit, id, options);
  }

  patchSiteVisit(id: string, patch: SiteVisitPatch, options?: PatchOptions): Promise<SiteVisit> {
    return this.patch("patchSiteVisit", SiteVisit, id, patch, options);
  }

  // ---- Messages ----
  createMessage(message: MessageCreate, options?: CreateOptions): Promise<Written<Message>> {
    return this.create("createMessage", Message, message, options);
  }

  getMessage(id: string, options?: CallOptions): Promise<Message> {
    return this.get("getMessage", Message, id, options);
  }

  listMessages(query: ListQuery & { siteVisitId: string }, options?: CallOptions): Promise<Page<Message>> {
    return this.list("listMessages", Message, query, options);
  }

  patchMessage(id: string, patch: MessagePatch, options?: PatchOptions): Promise<Message> {
    return this.patch("patchMessage", Message, id, patch, options);
  }

  // ---- Webhook subscriptions ----
  listWebhookSubscriptions(query: ListQuery, options?: CallOptions): Promise<Page<WebhookSubscription>> {
    return this.list("listWebhookSubscriptions", WebhookSubscription, query, options);
  }

  createWebhookSubscription(
    subscription: WebhookSubscriptionCreate,
    options?: CreateOptions,
  ): Promise<Written<CreatedWebhookSubscription>> {
    return this.create("createWebhookSubscription", CreatedWebhookSubscription, subscription, options);
  }

  async deleteWebhookSubscription(id: string, options?: CallOptions): Promise<void> {
    await this.call({ endpoint: "deleteWebhookSubscription", id, signal: options?.signal });
  }

  // ---- Files ----
  /** Checks the file's bytes against what the endpoint accepts, then uploads it; refused files are never sent. */
  async upload(
    endpoint: UploadEndpointName,
    id: string,
    file: { fileName: string; content: Uint8Array },
    options?: CallOptions,
  ): Promise<FileMeta> {
    const contentType = checkUpload(endpoint, file.content);
    const { body } = await this.call({
      endpoint,
      id,
      file: { ...file, contentType },
      signal: options?.signal,
    });
    return readResource(FileMeta, unwrapData(body), endpoint);
  }

  // ---- The shapes of calls ----
  private async list<T>(
    endpoint: EndpointName,
    schema: z.ZodType<T>,
    query: Record<string, string | number | undefined>,
    options?: CallOptions,
  ): Promise<Page<T>> {
    const { body } = await this.call({ endpoint, query, signal: options?.signal });
    const envelope = (body ?? {}) as { data?: unknown; meta?: { nextCursor?: unknown } };
    const rows = Array.isArray(body) ? body : Array.isArray(envelope.data) ? envelope.data : undefined;
    if (!rows) throw new SsnError(`the SSN API answered ${endpoint} with something that is not a list`);
    const nextCursor = envelope.meta?.nextCursor;
    return {
      items: rows.map((row) => readResource(schema, row, endpoint)),
      nextCursor: typeof nextCursor === "string" && nextCursor.length > 0 ? nextCursor : undefined,
    };
  }

  private async get<T>(
    endpoint: EndpointName,
    schema: z.ZodType<T>,
    id: string,
    options?: CallOptions,
  ): Promise<T> {
    const { body } = await this.call({ endpoint, id, signal: options?.signal });
    return readResource(schema, unwrapData(body), endpoint);
  }

  private async create<T>(
    endpoint: EndpointName,
    schema: z.ZodType<T>,
    input: object,
    options?: CreateOptions,
  ): Promise<Written<T>> {
    const remembered = options?.idempotencyKey === undefined;
    const key = options?.idempotencyKey ?? (await this.idempotency.keyFor(endpoint, this.clientId, input));
    let answer: ApiAnswer;
    try {
      answer = await this.call({
        endpoint,
        body: input,
        headers: { [HEADERS.idempotencyKey]: key },
        signal: options?.signal,
      });
    } catch (error) {
      if (remembered && isDefiniteRefusal(error)) {
        await this.idempotency.forget(endpoint, this.clientId, input, key);
      }
      throw error;
    }
    const { body, replayed } = answer;
    return { record: readResource(schema, unwrapData(body), endpoint), replayed };
  }

  private async patch<T>(
    endpoint: EndpointName,
    schema: z.ZodType<T>,
    id: string,
    input: object,
    options?: PatchOptions,
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (options?.expectedVersion !== undefined) headers[HEADERS.ifMatch] = `"${options.expectedVersion}"`;
    const { body } = await this.call({ endpoint, id, body: input, headers, signal: options?.signal });
    return readResource(schema, unwrapData(body), endpoint);
  }

  /**
   * One API call: refused locally without its scope; retried per the retry policy within its
   * deadline (the same Idempotency-Key on every attempt); a 401 gets one new token and one retry.
   */
  private async call(call: ApiCall): Promise<ApiAnswer> {
    const policy = this.retryPolicy;
    const deadline = AbortSignal.timeout(policy.deadlineMs);
    const signal = call.signal ? AbortSignal.any([call.signal, deadline]) : deadline;
    await this.requireScope(ENDPOINTS[call.endpoint].scope, signal);
    const isWrite = ENDPOINTS[call.endpoint].method !== "GET";
    let lostAnswer: SsnOutcomeUnknownError | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt({ ...call, signal });
      } catch (error) {
        if (call.signal?.aborted) throw error;
        if (deadline.aborted) throw this.deadlineError(isWrite, lostAnswer, error);
        if (error instanceof SsnOutcomeUnknownError) lostAnswer = error;
        const delay = mayRepeat(call.endpoint, error) ? retryDelayMs(policy, attempt, error) : undefined;
        if (delay === undefined) throw settledError(error, lostAnswer);
        try {
          await sleep(delay, undefined, { signal });
        } catch {
          if (call.signal?.aborted) throw error;
          throw this.deadlineError(isWrite, lostAnswer, error);
        }
      }
    }
  }

  private async attempt(call: ApiCall): Promise<ApiAnswer> {
    let token = await this.tokens.get(call.signal);
    let response = await this.send(call, token);
    if (response.status === 401) {
      token = await this.tokens.replace(token, call.signal);
      response = await this.send(call, token);
    }
    if (response.status >= 400) throw toApiError(response);
    return {
      body: response.text ? parseJson(response.text) : undefined,
      replayed: header(response.headers, HEADERS.idempotentReplayed) === "true",
    };
  }

  private async requireScope(scope: Scope, signal: AbortSignal | undefined): Promise<void> {
    if (this.hasScope(scope)) return;
    // Before the first token the scopes are unknown: get one, then decide.
    if (!this.tokens.peek()) await this.tokens.get(signal);
    if (!this.hasScope(scope)) throw new ScopeNotGrantedError(scope);
  }

  /** The budget ran out: a write that may have reached the API is "outcome unknown", never "failed". */
  private deadlineError(
    isWrite: boolean,
    lostAnswer: SsnOutcomeUnknownError | undefined,
    last: unknown,
  ): Error {
    const seconds = Math.round(this.retryPolicy.deadlineMs / 1000);
    const maybeApplied =
      lostAnswer !== undefined ||
      !(last instanceof SsnApiError || last instanceof SsnUnreachableError) ||
      (last instanceof SsnApiError && last.status >= 500);
    if (isWrite && maybeApplied) {
      return new SsnOutcomeUnknownError(`no answer from the SSN API within ${seconds} s`);
    }
    const reason = last instanceof Error ? `; last: ${last.message}` : "";
    return new SsnTimeoutError(`no usable answer from the SSN API within ${seconds} s${reason}`);
  }

  private send(call: ApiCall, token: AccessToken) {
    const { method, path } = ENDPOINTS[call.endpoint];
    const url = new URL(this.url(path.replace("{id}", encodeURIComponent(call.id ?? ""))));
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${token.value}`,
      ...call.headers,
    };
    let body: string | Buffer | undefined;
    if (call.file) {
      const multipart = encodeMultipart(UPLOAD_FIELD, call.file);
      body = multipart.body;
      headers["content-type"] = multipart.contentType;
    } else if (call.body !== undefined) {
      body = JSON.stringify(call.body);
      headers["content-type"] = "application/json";
    }
    return this.transport.send({ method, url: url.toString(), headers, body, signal: call.signal });
  }

  private url(path: string): string {
    return `${this.options.baseUrl.replace(/\/+$/, "")}${path}`;
  }
}

/** The content type of an acceptable file for `endpoint`, or a refusal that says what is accepted. */
export function checkUpload(endpoint: UploadEndpointName, content: Uint8Array): string {
  const rule = UPLOADS[endpoint];
  const accepted = rule.accepts
    .map((type) => FILE_TYPES.find((t) => t.contentType === type)?.label)
    .join(", ");
  if (content.length === 0)
    throw new SsnFileRejectedError(`the file is empty; a ${rule.what} must be ${accepted}`);
  if (content.length > MAX_UPLOAD_BYTES) {
    throw new SsnFileRejectedError(
      `the file has ${content.length} bytes; a ${rule.what} may have at most ${MAX_UPLOAD_BYTES} (10 MiB)`,
    );
  }
  const detected = detectFileType(content);
  if (!detected || !(rule.accepts as readonly string[]).includes(detected.contentType)) {
    const seen = detected ? `${detected.label} content` : "content that is none of PDF, PNG or JPEG";
    throw new SsnFileRejectedError(`the file's bytes are ${seen}; a ${rule.what} must be ${accepted}`);
  }
  if (!isComplete(detected.contentType, content)) {
    throw new SsnFileRejectedError(
      `the file starts like a ${detected.label} but does not end like one: it is truncated or damaged`,
    );
  }
  return detected.contentType;
}

function toApiError(response: {
  status: number;
  headers: Record<string, unknown>;
  text: string;
}): SsnApiError {
  const parsed = parseErrorBody(response.text);
  const headers = response.headers as Record<string, string | string[] | undefined>;
  const retryAfter = Number(header(headers, HEADERS.retryAfter));
  return new SsnApiError(
    response.status,
    parsed.code ?? `http_${response.status}`,
    parsed.message ?? `HTTP ${response.status}`,
    parsed.details,
    parsed.requestId ?? header(headers, HEADERS.requestId),
    Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
  );
}

/** A 4xx that says the request itself was refused (not "try again", not "still running"). */
function isDefiniteRefusal(error: unknown): boolean {
  return (
    error instanceof SsnApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    error.status !== 429 &&
    error.code !== "idempotency_in_progress"
  );
}

/**
 * An appending request is repeated only when it surely did not arrive or was surely not processed:
 * repeating it after a lost answer or a 5xx could add the same thing twice.
 */
function mayRepeat(endpoint: EndpointName, error: unknown): boolean {
  if (!("appends" in ENDPOINTS[endpoint])) return true;
  return error instanceof SsnUnreachableError || (error instanceof SsnApiError && error.status === 429);
}

/**
 * The error to report once retrying stops. After an attempt whose answer was lost, a later
 * failure does not prove the write failed: it may have applied (a retried patch then meets its own
 * new version as a conflict), so the outcome stays unknown.
 */
function settledError(last: unknown, lostAnswer: SsnOutcomeUnknownError | undefined): unknown {
  if (!lostAnswer || last instanceof SsnOutcomeUnknownError) return last;
  const definite = last instanceof SsnApiError && last.status < 500 && last.code !== "version_conflict";
  return definite ? last : lostAnswer;
}

/** A single resource may come inside `data` or bare (contract.md "Client leniency"). */
function unwrapData(body: unknown): unknown {
  if (body && typeof body === "object" && "data" in body) {
    const data = (body as { data: unknown }).data;
    if (data && typeof data === "object" && !Array.isArray(data)) return data;
  }
  return body;
}

function readResource<T>(schema: z.ZodType<T>, value: unknown, endpoint: EndpointName): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first?.path.length ? first.path.join(".") : "the record";
  throw new SsnError(
    `the SSN API answered ${endpoint} with an unexpected shape: ${where}: ${first?.message}`,
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SsnError("the SSN API answered with a body that is not JSON");
  }
}
