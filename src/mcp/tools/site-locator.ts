import { z } from "zod";
import type { Site } from "../../contract/schemas.js";
import { siteCreateShape } from "../../contract/schemas.js";
import { SsnApiError } from "../../ssn/errors.js";
import type { ToolContext } from "../tool.js";

/** A site named by its id or by its siteCode: exactly one of them. */
export const siteLocatorShape = {
  siteId: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .optional()
    .describe("Id of the site, e.g. site_84336c8d…"),
  siteCode: siteCreateShape.siteCode.optional().describe("The site's siteCode, e.g. DEMO-STORE-100"),
};

export function checkSiteLocator(
  input: { siteId?: string | undefined; siteCode?: string | undefined },
  ctx: z.core.$RefinementCtx,
): void {
  if ((input.siteId === undefined) === (input.siteCode === undefined)) {
    ctx.addIssue({ code: "custom", message: "give either siteId or siteCode, not both and not neither" });
  }
}

/** The site the locator names; a siteCode nobody has is the API's own 404, with the field named. */
export async function findSite(
  locator: { siteId?: string | undefined; siteCode?: string | undefined },
  ctx: ToolContext,
): Promise<Site> {
  if (locator.siteId !== undefined) return ctx.ssn.getSite(locator.siteId, { signal: ctx.signal });
  const page = await ctx.ssn.listSites({ siteCode: locator.siteCode, pageSize: 1 }, { signal: ctx.signal });
  const site = page.items[0];
  if (!site) {
    throw new SsnApiError(
      404,
      "not_found",
      `No site has siteCode ${locator.siteCode}.`,
      [{ field: "siteCode", issue: "no site with this siteCode; list_sites shows your sites" }],
      undefined,
      undefined,
    );
  }
  return site;
}
