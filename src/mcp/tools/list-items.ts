import { z } from "zod";
import { Item } from "../../contract/schemas.js";
import { renderPage } from "../render.js";
import { clip } from "../sanitize.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { nextCursorField, pagingShape } from "./shared-fields.js";

export const listItems = defineTool({
  name: "list_items",
  title: "List items",
  description: "Lists the items of your SSN account. A site visit's itemName must be one of these names.",
  requiredScopes: ["site-visits:read"],
  toolset: "reference",
  annotations: READ_ONLY,
  input: z.strictObject(pagingShape),
  output: z.object({ items: z.array(Item).describe("Items"), nextCursor: nextCursorField }),
  async run(input, ctx) {
    const page = await ctx.ssn.listItems(input, { signal: ctx.signal });
    return { items: page.items, nextCursor: page.nextCursor };
  },
  render({ items, nextCursor }) {
    const line = (i: (typeof items)[number]) =>
      `Item "${i.name}"${i.description ? `: ${clip(i.description)}` : ""}`;
    return renderPage(items, line, "No items.", nextCursor);
  },
});
