import { z } from "zod";
import { SiteVisit, SiteVisitPatch } from "../../contract/schemas.js";
import { renderSiteVisit } from "../render.js";
import { defineTool } from "../tool.js";
import { expectedVersionField, siteVisitIdField } from "./shared-fields.js";

export const updateSiteVisit = defineTool({
  name: "update_site_visit",
  title: "Update a site visit",
  description:
    "Changes a site visit: any field but clientSiteId; only the fields given change (siteAssetIds replaces the whole list, [] clears it; assign_assets can add or remove single assets). Pass expectedVersion (from get_site_visit) so a concurrent change is not overwritten.",
  requiredScopes: ["site-visits:write"],
  toolset: "site_visits",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    siteVisitId: siteVisitIdField,
    ...SiteVisitPatch.shape,
    expectedVersion: expectedVersionField,
  }),
  output: z.object({ siteVisit: SiteVisit.describe("The site visit after the change") }),
  async run({ siteVisitId, expectedVersion, ...changes }, ctx) {
    const siteVisit = await ctx.ssn.patchSiteVisit(siteVisitId, changes, {
      expectedVersion,
      signal: ctx.signal,
    });
    return { siteVisit };
  },
  render({ siteVisit }) {
    return `Updated site visit.\n${renderSiteVisit(siteVisit)}`;
  },
});
