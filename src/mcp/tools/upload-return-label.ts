import { z } from "zod";
import { FileMeta } from "../../contract/schemas.js";
import { renderFile } from "../render.js";
import { defineTool } from "../tool.js";
import { checkFileSource, fileInputShape, readFileInput } from "./file-input.js";
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
  async run({ siteVisitId, ...source }, ctx) {
    await ctx.progress(0, 2, "reading and checking the file");
    const file = await readFileInput(source, ctx.files);
    await ctx.progress(1, 2, "uploading");
    return { file: await ctx.ssn.upload("uploadReturnLabel", siteVisitId, file, { signal: ctx.signal }) };
  },
  render({ file }) {
    return `Uploaded the return label.\n${renderFile(file)}`;
  },
});
