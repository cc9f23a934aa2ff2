import type { Scope } from "./scopes.js";

export interface Endpoint {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Relative to the base URL; `{id}` is the one path parameter. */
  path: string;
  scope: Scope;
  /** A create: carries an Idempotency-Key. */
  create?: true;
  /** Each request adds something and has no Idempotency-Key: a repeat after a lost answer may add it twice. */
  appends?: true;
}

/**
 * Every API operation with its path and required scope (contract.md "Scopes" and per-resource
 * sections). The paths and scopes the guide does not state are [assumed]: correct them here.
 */
export const ENDPOINTS = {
  listSites: { method: "GET", path: "/sites", scope: "sites:read" },
  createSite: { method: "POST", path: "/sites", scope: "sites:write", create: true },
  getSite: { method: "GET", path: "/sites/{id}", scope: "sites:read" },
  patchSite: { method: "PATCH", path: "/sites/{id}", scope: "sites:write" },
  listProjects: { method: "GET", path: "/projects", scope: "site-visits:read" },
  listItems: { method: "GET", path: "/items", scope: "site-visits:read" },
  listSiteVisits: { method: "GET", path: "/site-visits", scope: "site-visits:read" },
  createSiteVisit: { method: "POST", path: "/site-visits", scope: "site-visits:write", create: true },
  getSiteVisit: { method: "GET", path: "/site-visits/{id}", scope: "site-visits:read" },
  patchSiteVisit: { method: "PATCH", path: "/site-visits/{id}", scope: "site-visits:write" },
  listMessages: { method: "GET", path: "/messages", scope: "messages:read" },
  createMessage: { method: "POST", path: "/messages", scope: "messages:write", create: true },
  getMessage: { method: "GET", path: "/messages/{id}", scope: "messages:read" },
  patchMessage: { method: "PATCH", path: "/messages/{id}", scope: "messages:write" },
  // Uploads take multipart/form-data (files.ts), not JSON; they are not creates with an Idempotency-Key.
  uploadReturnLabel: { method: "POST", path: "/site-visits/{id}/return-label", scope: "site-visits:write" },
  attachMessageFile: {
    method: "POST",
    path: "/messages/{id}/file-attachment",
    scope: "messages:write",
    appends: true,
  },
  listWebhookSubscriptions: { method: "GET", path: "/webhook-subscriptions", scope: "webhooks:read" },
  createWebhookSubscription: {
    method: "POST",
    path: "/webhook-subscriptions",
    scope: "webhooks:write",
    create: true,
  },
  deleteWebhookSubscription: {
    method: "DELETE",
    path: "/webhook-subscriptions/{id}",
    scope: "webhooks:write",
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

export const TOKEN_PATH = "/oauth/token";
