import { z } from "zod";
import { Site, SitePatch } from "../../contract/schemas.js";
import { renderSite } from "../render.js";
import { defineTool } from "../tool.js";
import { expectedVersionField } from "./shared-fields.js";
import { checkSiteLocator, findSite, siteLocatorShape } from "./site-locator.js";

export const updateSite = defineTool({
  name: "update_site",
  title: "Update a site",
  description:
    "Changes a site's name or address (everything but its siteCode, which is permanent). Only the fields given change. Name the site by siteId or siteCode.",
  requiredScopes: ["sites:read", "sites:write"],
  toolset: "sites",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z
    .strictObject({ ...siteLocatorShape, ...SitePatch.shape, expectedVersion: expectedVersionField })
    .superRefine(checkSiteLocator),
  output: z.object({ site: Site.describe("The site after the change") }),
  async run({ siteId, siteCode, expectedVersion, ...changes }, ctx) {
    const site = siteId === undefined ? await findSite({ siteCode }, ctx) : { id: siteId };
    const updated = await ctx.ssn.patchSite(site.id, changes, { expectedVersion, signal: ctx.signal });
    return { site: updated };
  },
  render({ site }) {
    return `Updated site.\n${renderSite(site)}\nVersion ${site.version}`;
  },
});
