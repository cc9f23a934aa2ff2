import { z } from "zod";
import { SiteVisit, siteVisitCreateShape } from "../../contract/schemas.js";
import { renderSiteVisit, replayNote } from "../render.js";
import { defineTool } from "../tool.js";
import { alreadyExistedField, idempotencyKeyField } from "./shared-fields.js";

export const createSiteVisit = defineTool({
  name: "create_site_visit",
  title: "Create a site visit (work order)",
  description:
    "Creates a site visit (work order) at one of your sites. clientSiteId is the site's siteCode; projectId comes from list_projects, itemName from list_items. Optionally assign site assets of the same site with siteAssetIds. Give a clientTicketNumber to find the visit later with find_visit_by_ticket.",
  requiredScopes: ["site-visits:write"],
  toolset: "site_visits",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({ ...siteVisitCreateShape, idempotencyKey: idempotencyKeyField }),
  output: z.object({ siteVisit: SiteVisit.describe("The site visit"), alreadyExisted: alreadyExistedField }),
  async run({ idempotencyKey, ...visit }, ctx) {
    const written = await ctx.ssn.createSiteVisit(visit, { idempotencyKey, signal: ctx.signal });
    return { siteVisit: written.record, alreadyExisted: written.replayed };
  },
  render({ siteVisit, alreadyExisted }) {
    return `Created site visit.\n${renderSiteVisit(siteVisit)}${replayNote(alreadyExisted)}`;
  },
  settleWith: "call find_visit_by_ticket with the same clientTicketNumber",
});
