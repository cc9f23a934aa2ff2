import { z } from "zod";
import { Message } from "../../contract/schemas.js";
import { renderMessage, renderPage } from "../render.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { nextCursorField, pagingShape, siteVisitIdField } from "./shared-fields.js";

export const listMessages = defineTool({
  name: "list_messages",
  title: "List a site visit's messages",
  description: "Lists the messages of one site visit, oldest first. Paged.",
  requiredScopes: ["messages:read"],
  toolset: "messages",
  annotations: READ_ONLY,
  input: z.strictObject({ siteVisitId: siteVisitIdField, ...pagingShape }),
  output: z.object({ messages: z.array(Message).describe("Messages"), nextCursor: nextCursorField }),
  async run(input, ctx) {
    const page = await ctx.ssn.listMessages(input, { signal: ctx.signal });
    return { messages: page.items, nextCursor: page.nextCursor };
  },
  render({ messages, nextCursor }) {
    return renderPage(messages, renderMessage, "No messages.", nextCursor);
  },
});
