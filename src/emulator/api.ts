import { API_PREFIX } from "../contract/environments.js";
import { HEADERS } from "../contract/errors.js";
import { MAX_UPLOAD_BYTES } from "../contract/files.js";
import { ApiError } from "./api-error.js";
import { authenticateBearer, requireScope } from "./auth.js";
import type { Emulator } from "./emulator.js";
import { faultOutcome } from "./faults.js";
import {
  answerForError,
  type Exchange,
  errorAnswer,
  type HttpAnswer,
  readBody,
  readJsonBody,
  sendAnswer,
  singleHeader,
} from "./http.js";
import { IDEMPOTENCY_KEY_PATTERN, requestFingerprint } from "./idempotency.js";
import type { RequestLogEntry } from "./request-log.js";
import { resolveRoute } from "./router.js";
import { API_ROUTES } from "./routes/api-routes.js";
import type { RequestContext } from "./routes/context.js";
import { oauthError } from "./routes/oauth-token.js";

/** The token endpoint's form is small; anything bigger is not a token request. */
const FORM_BODY_LIMIT = 64 * 1024;
/** An upload's form may add this much to the file: boundaries and part headers. */
const FORM_OVERHEAD_LIMIT = 64 * 1024;

/** A request that passed routing, authentication, body parsing and its idempotency claim. */
interface Admitted {
  run(): HttpAnswer;
  /** Gives up the idempotency claim (a fault answers instead). */
  abandon(): void;
}

/**
 * One `/api/v1` request: admit it (route, bearer token and scope, body, Idempotency-Key claim), then
 * apply a matching fault rule around the handler. Faults act only on admitted requests, and their
 * delay is served after the key is claimed, so a retry during the delay meets `idempotency_in_progress`.
 */
export async function handleApiRequest(emulator: Emulator, exchange: Exchange): Promise<void> {
  const { req, url, requestId } = exchange;
  const entry: RequestLogEntry = {
    method: req.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    clientId: null,
    status: null,
    idempotencyKey: singleHeader(req.headers, HEADERS.idempotencyKey) ?? null,
    replayed: false,
    at: emulator.timestamp(),
  };
  let admission: Admitted | HttpAnswer;
  try {
    admission = await admit(emulator, exchange, entry);
  } catch (error) {
    admission = answerForError(error, requestId, emulator.config.log);
  }
  // Logged only now: a request that shows in the log already holds its idempotency key.
  emulator.requests.add(entry);
  if (!("run" in admission)) {
    respond(exchange, entry, admission);
    return;
  }

  const fault = emulator.faults.take(entry.method, entry.path);
  if (fault?.delayMs) await emulator.faults.hold(fault.delayMs);
  const outcome = fault && faultOutcome(fault);
  const faultAnswer = outcome instanceof ApiError ? errorAnswer(outcome, requestId) : outcome;
  if (faultAnswer && !fault?.afterCommit) {
    admission.abandon();
    respond(exchange, entry, faultAnswer);
    return;
  }
  const answer = admission.run();
  respond(exchange, entry, faultAnswer ?? answer);
}

async function admit(
  emulator: Emulator,
  exchange: Exchange,
  entry: RequestLogEntry,
): Promise<Admitted | HttpAnswer> {
  const { req, url, requestId } = exchange;
  const { route, params } = resolveRoute(API_ROUTES, entry.method, API_PREFIX, url.pathname);

  let handle: (ctx: RequestContext) => HttpAnswer;
  let idempotencyScope: string | undefined;
  if (route.scope === null) {
    handle = route.handle;
  } else {
    const token = authenticateBearer(singleHeader(req.headers, "authorization"), emulator.tokens);
    entry.clientId = token.clientId;
    requireScope(token, route.scope);
    const tenant = emulator.state.tenants.get(token.clientId);
    if (!tenant) throw new Error(`token of unknown client ${token.clientId}`);
    handle = (ctx) => route.handle({ ...ctx, tenant });
    if (route.idempotent) idempotencyScope = tenant.clientId;
  }

  let rawBody: Buffer = Buffer.alloc(0);
  let body: unknown;
  if (route.body === "json") body = await readJsonBody(exchange);
  if (route.body === "form") {
    const form = await readBody(exchange, FORM_BODY_LIMIT);
    if (!form) return oauthError("invalid_request", "The request body is larger than the limit of 64 KiB.");
    rawBody = form;
  }
  if (route.body === "multipart") {
    const form = await readBody(exchange, MAX_UPLOAD_BYTES + FORM_OVERHEAD_LIMIT);
    if (!form) {
      throw new ApiError(
        "file_too_large",
        `The upload is larger than the limit: the file may have 10 MiB (${MAX_UPLOAD_BYTES} bytes).`,
      );
    }
    rawBody = form;
  }
  const run = (): HttpAnswer => {
    const ctx: RequestContext = {
      emulator,
      params,
      query: url.searchParams,
      headers: req.headers,
      body,
      rawBody,
      now: emulator.timestamp(),
      identifyClient: (clientId) => {
        entry.clientId = clientId;
      },
    };
    try {
      return handle(ctx);
    } catch (error) {
      return answerForError(error, requestId, emulator.config.log);
    }
  };

  const key = entry.idempotencyKey;
  if (idempotencyScope === undefined || key === null) return { run, abandon: () => {} };
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ApiError("validation_failed", "The Idempotency-Key header is not valid; see details.", {
      details: [{ field: "Idempotency-Key", issue: "must be 1-255 visible ASCII characters, e.g. a UUID" }],
    });
  }
  const claim = emulator.idempotency.claim(
    idempotencyScope,
    key,
    requestFingerprint(entry.method, entry.path, body),
  );
  switch (claim.outcome) {
    case "first":
      return {
        run: () => {
          const answer = run();
          if (answer.status < 500) claim.complete(answer);
          else claim.abandon();
          return answer;
        },
        abandon: claim.abandon,
      };
    case "replay":
      return {
        run: () => {
          entry.replayed = true;
          const headers = { ...claim.answer.headers, [HEADERS.idempotentReplayed]: "true" };
          return { ...claim.answer, headers };
        },
        abandon: () => {},
      };
    case "in_progress":
      throw new ApiError(
        "idempotency_in_progress",
        "A request with this Idempotency-Key is still being processed; retry it shortly with the same key.",
      );
    case "reused":
      throw new ApiError(
        "idempotency_key_reused",
        "This Idempotency-Key was already used with a different request; use a new key for a new request.",
        {
          details: [
            { field: "Idempotency-Key", issue: "was used before with a different method, path or body" },
          ],
        },
      );
  }
}

function respond(exchange: Exchange, entry: RequestLogEntry, answer: HttpAnswer | "drop"): void {
  if (answer === "drop") {
    exchange.req.socket.destroy();
    return;
  }
  entry.status = answer.status;
  sendAnswer(exchange.res, answer);
}
