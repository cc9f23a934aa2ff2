import { z } from "zod";
import { SiteVisit, siteVisitCreateShape } from "../../contract/schemas.js";
import { renderSiteVisit } from "../render.js";
import { defineTool, READ_ONLY } from "../tool.js";

export const findVisitByTicket = defineTool({
  name: "find_visit_by_ticket",
  title: "Find a site visit by ticket number",
  description:
    "Finds the site visit that was created with your clientTicketNumber. Answers found: false when there is none.",
  requiredScopes: ["site-visits:read"],
  toolset: "site_visits",
  annotations: READ_ONLY,
  input: z.strictObject({
    clientTicketNumber: siteVisitCreateShape.clientTicketNumber
      .unwrap()
      .describe("Your ticket reference, e.g. CLIENT-TKT-10027"),
  }),
  output: z.object({
    found: z.boolean().describe("Whether a visit has this ticket number"),
    siteVisit: SiteVisit.nullable().describe("The visit, or null when none has this ticket number"),
  }),
  async run({ clientTicketNumber }, ctx) {
    const page = await ctx.ssn.listSiteVisits({ clientTicketNumber, pageSize: 1 }, { signal: ctx.signal });
    const visit = page.items[0];
    return { found: visit !== undefined, siteVisit: visit ?? null };
  },
  render({ siteVisit }) {
    return siteVisit ? renderSiteVisit(siteVisit) : "No site visit has this ticket number.";
  },
});
