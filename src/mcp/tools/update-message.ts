import { z } from "zod";
import { Message, MessagePatch } from "../../contract/schemas.js";
import { renderMessage } from "../render.js";
import { defineTool } from "../tool.js";
import { expectedVersionField, messageIdField } from "./shared-fields.js";

export const updateMessage = defineTool({
  name: "update_message",
  title: "Update a message",
  description:
    "Changes a message's status, urgency, text or notification flags; only the fields given change. Pass expectedVersion (from get_message) so a concurrent change is not overwritten.",
  requiredScopes: ["messages:write"],
  toolset: "messages",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({
    messageId: messageIdField,
    ...MessagePatch.shape,
    expectedVersion: expectedVersionField,
  }),
  output: z.object({ message: Message.describe("The message after the change") }),
  async run({ messageId, expectedVersion, ...changes }, ctx) {
    const message = await ctx.ssn.patchMessage(messageId, changes, { expectedVersion, signal: ctx.signal });
    return { message };
  },
  render({ message }) {
    return `Updated message.\n${renderMessage(message)}\nVersion ${message.version}`;
  },
});
