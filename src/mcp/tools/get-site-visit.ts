import { z } from "zod";
import { SiteVisit } from "../../contract/schemas.js";
import { renderSiteVisit } from "../render.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { siteVisitIdField } from "./shared-fields.js";

export const getSiteVisit = defineTool({
  name: "get_site_visit",
  title: "Get a site visit",
  description:
    "Reads one site visit by its id, with its assigned assets (assetsToService summary and siteVisitAssets rows) and its version.",
  requiredScopes: ["site-visits:read"],
  toolset: "site_visits",
  annotations: READ_ONLY,
  input: z.strictObject({ siteVisitId: siteVisitIdField }),
  output: z.object({ siteVisit: SiteVisit.describe("The site visit") }),
  async run({ siteVisitId }, ctx) {
    return { siteVisit: await ctx.ssn.getSiteVisit(siteVisitId, { signal: ctx.signal }) };
  },
  render({ siteVisit }) {
    return renderSiteVisit(siteVisit);
  },
});
