import { z } from "zod";
import { SCOPES } from "../contract/scopes.js";
import { notFound } from "./api-error.js";
import type { Emulator } from "./emulator.js";
import { FaultRules } from "./faults.js";
import { answerForError, type Exchange, type HttpAnswer, readJsonBody, sendAnswer } from "./http.js";
import { resolveRoute } from "./router.js";
import { ClientId, SeedSiteAsset } from "./seed.js";
import { validate } from "./validation.js";

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
  // Listing the active rules (with the uses left) is an addition to emulator.md.
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
  // Webhook delivery is not emulated yet, so nothing has been attempted.
  { method: "GET", path: "/deliveries", handle: () => ok({ data: [] }) },
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
    // An addition to emulator.md: replaces the scopes the client may be granted. Tokens issued
    // afterwards get the new set; tokens already issued keep theirs until they expire.
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
    const body = route.json ? await readJsonBody(req) : undefined;
    answer = route.handle({ emulator, params, body });
  } catch (error) {
    answer = answerForError(error, requestId, emulator.config.log);
  }
  sendAnswer(res, answer);
}
