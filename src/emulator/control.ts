import { z } from "zod";
import { SCOPES } from "../contract/scopes.js";
import { notFound } from "./api-error.js";
import type { Emulator } from "./emulator.js";
import { FaultRules } from "./faults.js";
import { answerForError, type Exchange, type HttpAnswer, readJsonBody, sendAnswer } from "./http.js";
import { resolveRoute } from "./router.js";
import { ClientId, SeedSiteAsset } from "./seed.js";
import { validate } from "./validation.js";

/*
 * Additions to the control interface of emulator.md (which may only grow). Bodies are JSON.
 *
 * GET    /_emulator/faults                   {"data": [rule + "remaining"]}: the active fault rules.
 * PUT    /_emulator/clients/{clientId}/scopes body {"scopes": [...]}: replaces the scopes the client may be
 *                                            granted. Tokens issued afterwards get the new set; tokens
 *                                            already issued keep theirs until they expire. 404 unknown client.
 * GET    /_emulator/deliveries               (now filled) one entry per webhook POST attempted, oldest first:
 *                                            {eventId, url, status, attempt, at} plus subscriptionId,
 *                                            outcome ("pending" | "delivered" | "failed") and error (why no
 *                                            answer came, else null). `status` is null while the attempt waits
 *                                            and when no answer came. Attempts show as soon as they start, so
 *                                            right after an API answer the log holds every event it emitted.
 * DELETE /_emulator/deliveries               204: clears that log (pending retries stay scheduled).
 * POST   /_emulator/deliveries/retry-now     202 {"data": {"retried": n}}: runs every scheduled retry now
 *                                            instead of after its delay (1 s, 2 s, 4 s, 8 s; five attempts in
 *                                            all; StartEmulatorOptions.webhookRetryDelaysMs changes them).
 * POST   /_emulator/deliveries/{eventId}/redeliver
 *                                            202 {"data": {"eventId", "deliveries": n}}: sends the event again
 *                                            (same id and body, fresh timestamp and signature) to every
 *                                            subscription it went to that still exists, each a new delivery
 *                                            with its own retries; `attempt` counts on. 404 unknown event.
 * GET    /_emulator/files/{fileId}           200: the bytes of an uploaded return label or attachment, with
 *                                            its Content-Type. 404 unknown (or replaced) file.
 *
 * `POST /_emulator/reset` and `close()` also stop webhook deliveries under way and pending retries.
 */
export const CONTROL_PREFIX = "/_emulator";

interface ControlContext {
  emulator: Emulator;
  params: Readonly<Record<string, string>>;
  body: unknown;
}

interface ControlRoute {
  method: string;
  path: string;
  /** The route reads a JSON body. */
  json?: true;
  handle(ctx: ControlContext): HttpAnswer;
}

const NewSiteAsset = SeedSiteAsset.extend({ clientId: ClientId });
const ClientScopes = z.strictObject({ scopes: z.array(z.enum(SCOPES)) });

const ok = (body: unknown): HttpAnswer => ({ status: 200, body });
/** Work started that finishes after the answer (webhook attempts). */
const accepted = (body: unknown): HttpAnswer => ({ status: 202, body });
const NO_CONTENT: HttpAnswer = { status: 204 };

/** The control endpoints (emulator.md "Control endpoints"): no auth, never part of the API. */
const CONTROL_ROUTES: readonly ControlRoute[] = [
  {
    method: "GET",
    path: "/health",
    handle: ({ emulator }) => ok({ ok: true, environment: emulator.config.environment }),
  },
  {
    method: "POST",
    path: "/reset",
    handle: ({ emulator }) => {
      emulator.reset();
      return ok({ ok: true });
    },
  },
  { method: "GET", path: "/requests", handle: ({ emulator }) => ok({ data: emulator.requests.list() }) },
  {
    method: "DELETE",
    path: "/requests",
    handle: ({ emulator }) => {
      emulator.requests.clear();
      return NO_CONTENT;
    },
  },
  { method: "GET", path: "/faults", handle: ({ emulator }) => ok({ data: emulator.faults.list() }) },
  {
    method: "POST",
    path: "/faults",
    json: true,
    handle: ({ emulator, body }) => {
      emulator.faults.add(validate(FaultRules, body).rules);
      return ok({ data: emulator.faults.list() });
    },
  },
  {
    // Clearing also releases requests held by a rule's delayMs right away.
    method: "DELETE",
    path: "/faults",
    handle: ({ emulator }) => {
      emulator.faults.clear();
      return NO_CONTENT;
    },
  },
  {
    method: "GET",
    path: "/deliveries",
    handle: ({ emulator }) => ok({ data: emulator.webhooks.log.list() }),
  },
  {
    method: "DELETE",
    path: "/deliveries",
    handle: ({ emulator }) => {
      emulator.webhooks.log.clear();
      return NO_CONTENT;
    },
  },
  {
    method: "POST",
    path: "/deliveries/retry-now",
    handle: ({ emulator }) => accepted({ data: { retried: emulator.webhooks.retryNow() } }),
  },
  {
    method: "POST",
    path: "/deliveries/{eventId}/redeliver",
    handle: ({ emulator, params }) => {
      const eventId = params.eventId ?? "";
      return accepted({ data: { eventId, deliveries: emulator.webhooks.redeliver(eventId) } });
    },
  },
  {
    method: "GET",
    path: "/files/{fileId}",
    handle: ({ emulator, params }) => {
      const fileId = params.fileId ?? "";
      for (const tenant of emulator.state.tenants.values()) {
        const file = tenant.files.get(fileId);
        if (file)
          return { status: 200, body: file.content, headers: { "content-type": file.meta.contentType } };
      }
      throw notFound("file", fileId);
    },
  },
  {
    method: "POST",
    path: "/site-assets",
    json: true,
    handle: ({ emulator, body }) => {
      const { clientId, ...asset } = validate(NewSiteAsset, body);
      const tenant = emulator.state.tenants.get(clientId);
      if (!tenant) throw notFound("client", clientId, "clientId");
      emulator.state.addSiteAsset(tenant, asset);
      return { status: 201, body: { data: { clientId, ...asset } } };
    },
  },
  {
    method: "PUT",
    path: "/clients/{clientId}/scopes",
    json: true,
    handle: ({ emulator, params, body }) => {
      const { scopes } = validate(ClientScopes, body);
      const clientId = params.clientId ?? "";
      const tenant = emulator.state.tenants.get(clientId);
      if (!tenant) throw notFound("client", clientId);
      tenant.scopes = [...new Set(scopes)];
      return ok({ data: { clientId, scopes: tenant.scopes } });
    },
  },
];

export async function handleControlRequest(emulator: Emulator, exchange: Exchange): Promise<void> {
  const { req, res, url, requestId } = exchange;
  const method = req.method ?? "GET";
  let answer: HttpAnswer;
  try {
    const { route, params } = resolveRoute(CONTROL_ROUTES, method, CONTROL_PREFIX, url.pathname);
    const body = route.json ? await readJsonBody(exchange) : undefined;
    answer = route.handle({ emulator, params, body });
  } catch (error) {
    answer = answerForError(error, requestId, emulator.config.log);
  }
  sendAnswer(res, answer);
}
