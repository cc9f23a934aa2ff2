import { z } from "zod";
import { SiteVisit, siteVisitCreateShape } from "../../contract/schemas.js";
import { renderPage } from "../render.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { nextCursorField, pagingShape } from "./shared-fields.js";

export const listSiteVisits = defineTool({
  name: "list_site_visits",
  title: "List site visits",
  description:
    "Lists your site visits, optionally only those at one site (clientSiteId = its siteCode). Paged.",
  requiredScopes: ["site-visits:read"],
  toolset: "site_visits",
  annotations: READ_ONLY,
  input: z.strictObject({
    clientSiteId: siteVisitCreateShape.clientSiteId
      .optional()
      .describe("Only visits at the site with this siteCode"),
    ...pagingShape,
  }),
  output: z.object({ siteVisits: z.array(SiteVisit).describe("Site visits"), nextCursor: nextCursorField }),
  async run(input, ctx) {
    const page = await ctx.ssn.listSiteVisits(input, { signal: ctx.signal });
    return { siteVisits: page.items, nextCursor: page.nextCursor };
  },
  render({ siteVisits, nextCursor }) {
    const line = (v: (typeof siteVisits)[number]) =>
      `${v.id} (${v.status})${v.clientTicketNumber ? ` ticket ${v.clientTicketNumber}` : ""} at ${v.clientSiteId}, due ${v.dueDate}`;
    return renderPage(siteVisits, line, "No site visits.", nextCursor);
  },
});
