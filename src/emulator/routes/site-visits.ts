import { SiteVisitCreate, SiteVisitPatch } from "../../contract/schemas.js";
import { parseListQuery } from "../paging.js";
import {
  createSiteVisit,
  getSiteVisit,
  listSiteVisits,
  renderSiteVisit,
  updateSiteVisit,
} from "../records/site-visits.js";
import { ticketCreated } from "../records/webhook-events.js";
import { validate } from "../validation.js";
import { ifMatchVersion, listAnswer, pathId, resourceAnswer, type TenantHandler } from "./context.js";

const PATCH_REFUSED_FIELDS = { clientSiteId: "cannot be changed; a site visit stays at its site" };

export const siteVisitHandlers = {
  list(ctx) {
    const request = parseListQuery("site-visits", ctx.query, {
      clientTicketNumber: "optional",
      clientSiteId: "optional",
    });
    const visits = listSiteVisits(ctx.tenant, request.filters).map((visit) =>
      renderSiteVisit(ctx.tenant, visit),
    );
    return listAnswer(visits, request);
  },
  create(ctx) {
    const visit = createSiteVisit(ctx.tenant, validate(SiteVisitCreate, ctx.body), ctx.now);
    // Only a create that runs emits: an idempotent replay never reaches this handler.
    ctx.emulator.webhooks.publish(ctx.tenant, ticketCreated(visit));
    return resourceAnswer(renderSiteVisit(ctx.tenant, visit), 201);
  },
  get(ctx) {
    return resourceAnswer(renderSiteVisit(ctx.tenant, getSiteVisit(ctx.tenant, pathId(ctx))));
  },
  patch(ctx) {
    const patch = validate(SiteVisitPatch, ctx.body, PATCH_REFUSED_FIELDS);
    const visit = updateSiteVisit(ctx.tenant, pathId(ctx), patch, ifMatchVersion(ctx.headers), ctx.now);
    return resourceAnswer(renderSiteVisit(ctx.tenant, visit));
  },
} satisfies Record<string, TenantHandler>;
