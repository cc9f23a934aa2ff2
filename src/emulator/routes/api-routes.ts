import { ENDPOINTS, type EndpointName, TOKEN_PATH } from "../../contract/endpoints.js";
import { isUploadEndpoint } from "../../contract/files.js";
import type { Scope } from "../../contract/scopes.js";
import type { HttpAnswer } from "../http.js";
import { catalogHandlers } from "./catalog.js";
import type { RequestContext, TenantHandler } from "./context.js";
import { messageHandlers } from "./messages.js";
import { issueToken } from "./oauth-token.js";
import { siteVisitHandlers } from "./site-visits.js";
import { siteHandlers } from "./sites.js";
import { uploadHandlers } from "./uploads.js";
import { webhookSubscriptionHandlers } from "./webhook-subscriptions.js";

/** How a route's body is read: JSON for API writes, a form for the token endpoint, multipart for uploads. */
type BodyKind = "json" | "form" | "multipart";

interface RouteBase {
  method: string;
  /** Relative to the base URL. */
  path: string;
  body?: BodyKind;
}

/** The token endpoint authenticates the client itself; every other route needs a bearer token with `scope`. */
export type ApiRoute =
  | (RouteBase & { scope: null; handle: (ctx: RequestContext) => HttpAnswer })
  | (RouteBase & { scope: Scope; idempotent: boolean; handle: TenantHandler });

/**
 * The emulator's handler for every endpoint of the contract. Method, path, scope and whether it is
 * an idempotent create come from the contract's one endpoint table; a new endpoint there fails
 * to compile here until the emulator implements it.
 */
const HANDLERS = {
  listSites: siteHandlers.list,
  createSite: siteHandlers.create,
  getSite: siteHandlers.get,
  patchSite: siteHandlers.patch,
  listProjects: catalogHandlers.listProjects,
  listItems: catalogHandlers.listItems,
  listSiteVisits: siteVisitHandlers.list,
  createSiteVisit: siteVisitHandlers.create,
  getSiteVisit: siteVisitHandlers.get,
  patchSiteVisit: siteVisitHandlers.patch,
  listMessages: messageHandlers.list,
  createMessage: messageHandlers.create,
  getMessage: messageHandlers.get,
  patchMessage: messageHandlers.patch,
  uploadReturnLabel: uploadHandlers.returnLabel,
  attachMessageFile: uploadHandlers.messageAttachment,
  listWebhookSubscriptions: webhookSubscriptionHandlers.list,
  createWebhookSubscription: webhookSubscriptionHandlers.create,
  deleteWebhookSubscription: webhookSubscriptionHandlers.remove,
} satisfies Record<EndpointName, TenantHandler>;

export const API_ROUTES: readonly ApiRoute[] = [
  { method: "POST", path: TOKEN_PATH, body: "form", scope: null, handle: issueToken },
  ...(Object.keys(HANDLERS) as EndpointName[]).map((name): ApiRoute => {
    const endpoint: { method: string; path: string; scope: Scope; create?: true } = ENDPOINTS[name];
    return {
      method: endpoint.method,
      path: endpoint.path,
      scope: endpoint.scope,
      idempotent: endpoint.create === true,
      body: bodyKind(name, endpoint.method),
      handle: HANDLERS[name],
    };
  }),
];

function bodyKind(name: EndpointName, method: string): BodyKind | undefined {
  if (isUploadEndpoint(name)) return "multipart";
  return method === "POST" || method === "PATCH" ? "json" : undefined;
}
