import { SITE_FORBIDDEN_FIELDS, SiteCreate, SitePatch } from "../../contract/schemas.js";
import { parseListQuery } from "../paging.js";
import { createSite, getSite, listSites, updateSite } from "../records/sites.js";
import { type RefusedFields, validate } from "../validation.js";
import { ifMatchVersion, listAnswer, pathId, resourceAnswer, type TenantHandler } from "./context.js";

const OWNERSHIP_FIELDS: RefusedFields = Object.fromEntries(
  SITE_FORBIDDEN_FIELDS.map((field) => [
    field,
    "must not be sent: the API derives ownership from your access token",
  ]),
);
const PATCH_REFUSED_FIELDS: RefusedFields = {
  ...OWNERSHIP_FIELDS,
  siteCode: "cannot be changed after the site is created",
};

export const siteHandlers = {
  list(ctx) {
    const request = parseListQuery("sites", ctx.query, { siteCode: "optional" });
    return listAnswer(listSites(ctx.tenant, request.filters), request);
  },
  create(ctx) {
    const input = validate(SiteCreate, ctx.body, OWNERSHIP_FIELDS);
    return resourceAnswer(createSite(ctx.tenant, input, ctx.now), 201);
  },
  get(ctx) {
    return resourceAnswer(getSite(ctx.tenant, pathId(ctx)));
  },
  patch(ctx) {
    const changes = validate(SitePatch, ctx.body, PATCH_REFUSED_FIELDS);
    return resourceAnswer(updateSite(ctx.tenant, pathId(ctx), changes, ifMatchVersion(ctx.headers), ctx.now));
  },
} satisfies Record<string, TenantHandler>;
