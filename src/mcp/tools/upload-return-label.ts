import { z } from "zod";
import { FileMeta } from "../../contract/schemas.js";
import { renderFile } from "../render.js";
import { defineTool } from "../tool.js";
import { checkFileSource, fileInputShape, uploadFile } from "./file-input.js";
import { siteVisitIdField } from "./shared-fields.js";

export const uploadReturnLabel = defineTool({
  name: "upload_return_label",
  title: "Upload a site visit's return label",
  description:
    "Uploads a PDF return label for a site visit, replacing any earlier one. Give the file as path (local use, inside the allowed directories) or as base64 content with fileName. The bytes are checked before anything is sent: only a whole PDF is accepted.",
  requiredScopes: ["site-visits:write"],
  toolset: "files",
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.strictObject({ siteVisitId: siteVisitIdField, ...fileInputShape }).superRefine(checkFileSource),
  output: z.object({ file: FileMeta.describe("The stored return label") }),
  run: ({ siteVisitId, ...source }, ctx) => uploadFile("uploadReturnLabel", siteVisitId, source, ctx),
  render({ file }) {
    return `Uploaded the return label.\n${renderFile(file)}`;
  },
});
