import { z } from "zod";
import { Site } from "../../contract/schemas.js";
import { renderSite } from "../render.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { checkSiteLocator, findSite, siteLocatorShape } from "./site-locator.js";

export const getSite = defineTool({
  name: "get_site",
  title: "Get a site",
  description: "Reads one site by its id or by its siteCode.",
  requiredScopes: ["sites:read"],
  toolset: "sites",
  annotations: READ_ONLY,
  input: z.strictObject(siteLocatorShape).superRefine(checkSiteLocator),
  output: z.object({ site: Site.describe("The site") }),
  async run(input, ctx) {
    return { site: await findSite(input, ctx) };
  },
  render({ site }) {
    return `${renderSite(site)}\nVersion ${site.version}`;
  },
});
