import { z } from "zod";
import { FileMeta } from "../../contract/schemas.js";
import { renderFile } from "../render.js";
import { defineTool } from "../tool.js";
import { checkFileSource, fileInputShape, uploadFile } from "./file-input.js";
import { messageIdField } from "./shared-fields.js";

export const attachMessageFile = defineTool({
  name: "attach_message_file",
  title: "Attach a file to a message",
  description:
    "Attaches a PDF, PNG or JPEG file to a message. Give the file as path (local use, inside the allowed directories) or as base64 content with fileName. The bytes are checked before anything is sent. Each call adds an attachment.",
  requiredScopes: ["messages:write"],
  toolset: "files",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  input: z.strictObject({ messageId: messageIdField, ...fileInputShape }).superRefine(checkFileSource),
  output: z.object({ file: FileMeta.describe("The stored attachment") }),
  run: ({ messageId, ...source }, ctx) => uploadFile("attachMessageFile", messageId, source, ctx),
  render({ file }) {
    return `Attached the file.\n${renderFile(file)}`;
  },
  settleWith: "call get_message and look at its attachments",
});
