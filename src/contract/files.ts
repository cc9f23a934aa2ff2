import type { EndpointName } from "./endpoints.js";

/**
 * File uploads (contract.md "Uploads"): `multipart/form-data` with the file in the field `file` [guide].
 * The type is decided by the file's leading bytes, never by its name or declared type, and the size
 * limit is 10 MiB of file content [assumed]. The API client checks files with this same table.
 */
export const UPLOAD_FIELD = "file";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface FileType {
  /** The content type stored and returned for the file. */
  contentType: string;
  /** How people call it, e.g. PDF. */
  label: string;
  /** The bytes every file of this type starts with. */
  signature: readonly number[];
}

export const FILE_TYPES = [
  { contentType: "application/pdf", label: "PDF", signature: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  {
    contentType: "image/png",
    label: "PNG",
    signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  },
  { contentType: "image/jpeg", label: "JPEG", signature: [0xff, 0xd8, 0xff] },
] as const satisfies readonly FileType[];

export type KnownFileType = (typeof FILE_TYPES)[number];
export type FileContentType = KnownFileType["contentType"];

export interface UploadRule {
  /** What the uploaded file becomes, in messages: "return label". */
  what: string;
  accepts: readonly FileContentType[];
}

/** What each upload endpoint accepts: return labels PDF only, attachments PDF, PNG or JPEG [guide]. */
export const UPLOADS = {
  uploadReturnLabel: { what: "return label", accepts: ["application/pdf"] },
  attachMessageFile: { what: "message attachment", accepts: ["application/pdf", "image/png", "image/jpeg"] },
} as const satisfies Partial<Record<EndpointName, UploadRule>>;

export type UploadEndpointName = keyof typeof UPLOADS;

export function isUploadEndpoint(name: EndpointName): name is UploadEndpointName {
  return name in UPLOADS;
}

/** The type the content starts like, or undefined when it is none of the known ones. */
export function detectFileType(content: Uint8Array): KnownFileType | undefined {
  return FILE_TYPES.find((type) => type.signature.every((byte, index) => content[index] === byte));
}
