import type { FileContentType } from "../contract/files.js";

/**
 * Whether a file of a detected type is whole: the leading bytes alone let a truncated download
 * through, so each type's ending is checked too (PDF `%%EOF`, PNG `IEND` chunk, JPEG `FF D9`).
 */
const ENDINGS: Record<FileContentType, (content: Uint8Array) => boolean> = {
  "application/pdf": (content) => Buffer.from(content.subarray(-1024)).includes("%%EOF"),
  "image/png": (content) =>
    Buffer.from(content.subarray(-12)).equals(
      Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
    ),
  "image/jpeg": (content) => content.at(-2) === 0xff && content.at(-1) === 0xd9,
};

export function isComplete(contentType: FileContentType, content: Uint8Array): boolean {
  return ENDINGS[contentType](content);
}
