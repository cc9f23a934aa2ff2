import { z } from "zod";
import { Message } from "../../contract/schemas.js";
import { renderMessage } from "../render.js";
import { defineTool, READ_ONLY } from "../tool.js";
import { messageIdField } from "./shared-fields.js";

export const getMessage = defineTool({
  name: "get_message",
  title: "Get a message",
  description: "Reads one message by its id, with its attachments' metadata.",
  requiredScopes: ["messages:read"],
  toolset: "messages",
  annotations: READ_ONLY,
  input: z.strictObject({ messageId: messageIdField }),
  output: z.object({ message: Message.describe("The message") }),
  async run({ messageId }, ctx) {
    return { message: await ctx.ssn.getMessage(messageId, { signal: ctx.signal }) };
  },
  render({ message }) {
    const files = message.attachments.map(
      (file) => `${file.fileName} (${file.contentType}, ${file.size} bytes)`,
    );
    return `${renderMessage(message)}${files.length ? `\nAttachments: ${files.join(", ")}` : ""}\nVersion ${message.version}`;
  },
});
