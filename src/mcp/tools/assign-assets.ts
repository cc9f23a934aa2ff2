import { z } from "zod";
import { SiteVisit } from "../../contract/schemas.js";
import { SsnApiError } from "../../ssn/errors.js";
import { renderSiteVisit } from "../render.js";
import { defineTool } from "../tool.js";
import { siteVisitIdField } from "./shared-fields.js";

/** A concurrent change between our read and our patch is retried on fresh state this often. */
const CONFLICT_ATTEMPTS = 3;

const MODES = ["replace", "add", "remove"] as const;

function nextAssetIds(mode: (typeof MODES)[number], current: number[], given: number[]): number[] {
  if (mode === "replace") return [...new Set(given)];
  if (mode === "add") return [...new Set([...current, ...given])];
  return current.filter((id) => !given.includes(id));
}

export const assignAssets = defineTool({
  name: "assign_assets",
  title: "Assign site assets to a site visit",
  description:
    "Sets which site assets a site visit services. mode replace (default) makes siteAssetIds the whole list ([] clears it); add and remove change only the given ids. Every asset must belong to the visit's own site. The visit is read first and patched with If-Match, so a concurrent change is never overwritten.",
  requiredScopes: ["site-visits:read", "site-visits:write"],
  toolset: "site_visits",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    siteVisitId: siteVisitIdField,
    siteAssetIds: z.array(z.number().int().positive()).max(100).describe("Site asset ids, e.g. [456, 457]"),
    mode: z
      .enum(MODES)
      .default("replace")
      .describe("replace (default): exactly these; add: also these; remove: not these"),
  }),
  output: z.object({
    siteVisit: SiteVisit.describe("The site visit after the change"),
    added: z.array(z.number().int()).describe("Asset ids newly assigned"),
    removed: z.array(z.number().int()).describe("Asset ids no longer assigned"),
  }),
  async run({ siteVisitId, siteAssetIds, mode }, ctx) {
    for (let attempt = 1; ; attempt++) {
      const before = await ctx.ssn.getSiteVisit(siteVisitId, { signal: ctx.signal });
      const current = before.siteVisitAssets.map((asset) => asset.siteAssetId);
      const next = nextAssetIds(mode, current, siteAssetIds);
      const added = next.filter((id) => !current.includes(id));
      const removed = current.filter((id) => !next.includes(id));
      if (added.length === 0 && removed.length === 0) return { siteVisit: before, added, removed };
      try {
        const siteVisit = await ctx.ssn.patchSiteVisit(
          siteVisitId,
          { siteAssetIds: next },
          { expectedVersion: before.version, signal: ctx.signal },
        );
        return { siteVisit, added, removed };
      } catch (error) {
        const conflict = error instanceof SsnApiError && error.code === "version_conflict";
        if (!conflict || attempt >= CONFLICT_ATTEMPTS) throw error;
      }
    }
  },
  render({ siteVisit, added, removed }) {
    const change =
      added.length === 0 && removed.length === 0
        ? "No change: the visit already had exactly these assets."
        : `Assets updated${added.length ? `; added ${added.join(", ")}` : ""}${removed.length ? `; removed ${removed.join(", ")}` : ""}.`;
    return `${change}\n${renderSiteVisit(siteVisit)}`;
  },
});
