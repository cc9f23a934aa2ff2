import { randomBytes } from "node:crypto";

export interface UploadFile {
  fileName: string;
  content: Uint8Array;
  contentType: string;
}

/** One file as `multipart/form-data` in the given field (RFC 7578). */
export function encodeMultipart(field: string, file: UploadFile): { body: Buffer; contentType: string } {
  const boundary = `ssn-mcp-${randomBytes(12).toString("hex")}`;
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${field}"; filename="${quoteFileName(file.fileName)}"\r\n` +
    `Content-Type: ${file.contentType}\r\n\r\n`;
  const body = Buffer.concat([
    Buffer.from(head, "utf8"),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A file name fit for a quoted header parameter: no quotes, backslashes or line breaks. */
function quoteFileName(name: string): string {
  return name.replace(/["\\\r\n]/g, "_");
}
