import { z } from "zod";
import { Site, siteCreateShape } from "../../contract/schemas.js";
import { renderSite, replayNote } from "../render.js";
import { defineTool } from "../tool.js";
import { alreadyExistedField, idempotencyKeyField } from "./shared-fields.js";

export const createSite = defineTool({
  name: "create_site",
  title: "Create a site",
  description:
    "Creates a site (a customer location) with your own unique siteCode. Site visits refer to it by clientSiteId = siteCode. Do not send tenant or record ids: the account comes from the credential.",
  requiredScopes: ["sites:write"],
  toolset: "sites",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({ ...siteCreateShape, idempotencyKey: idempotencyKeyField }),
  output: z.object({ site: Site.describe("The site"), alreadyExisted: alreadyExistedField }),
  async run({ idempotencyKey, ...site }, ctx) {
    const written = await ctx.ssn.createSite(site, { idempotencyKey, signal: ctx.signal });
    return { site: written.record, alreadyExisted: written.replayed };
  },
  render({ site, alreadyExisted }) {
    return `Created site.\n${renderSite(site)}${replayNote(alreadyExisted)}`;
  },
  settleWith: "call get_site with the same siteCode (it exists if the create took effect)",
});
