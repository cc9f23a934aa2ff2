import { z } from "zod";
import { Site, siteCreateShape } from "../../contract/schemas.js";
import { renderPage, renderSite } from "../render.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { nextCursorField, pagingShape } from "./shared-fields.js";

export const listSites = defineTool({
  name: "list_sites",
  title: "List sites",
  description: "Lists your sites, optionally only the one with a given siteCode. Paged.",
  requiredScopes: ["sites:read"],
  toolset: "sites",
  annotations: READ_ONLY,
  input: z.strictObject({
    siteCode: siteCreateShape.siteCode.optional().describe("Only the site with this siteCode"),
    ...pagingShape,
  }),
  output: z.object({ sites: z.array(Site).describe("Sites"), nextCursor: nextCursorField }),
  async run(input, ctx) {
    const page = await ctx.ssn.listSites(input, { signal: ctx.signal });
    return { sites: page.items, nextCursor: page.nextCursor };
  },
  render({ sites, nextCursor }) {
    return renderPage(sites, renderSite, "No sites.", nextCursor);
  },
});
