import { createHash } from "node:crypto";
import { detectFileType, FILE_TYPES, MAX_UPLOAD_BYTES, type UploadRule } from "../../contract/files.js";
import { newId } from "../../contract/ids.js";
import type { FileMeta } from "../../contract/schemas.js";
import { ApiError } from "../api-error.js";
import type { MessageRecord, SiteVisitRecord, StoredFile, Tenant } from "../state.js";
import { nextVersion } from "./audit.js";
import { getMessage } from "./messages.js";
import { getSiteVisit } from "./site-visits.js";

/** A file as the client sent it: the form part's `filename` (unsanitized) and its bytes. */
export interface Upload {
  fileName: string | undefined;
  content: Buffer;
}

/** The name a file is stored under when its part has no usable `filename` [assumed]. */
const DEFAULT_FILE_NAME = "upload";
const MAX_FILE_NAME_LENGTH = 255;

/**
 * The file as it will be stored, once its size and type are checked: 413, then 422, before the
 * record it belongs to is looked up (404), as other requests check the request itself first.
 */
export function checkUpload(upload: Upload, rule: UploadRule, now: string): StoredFile {
  const { content } = upload;
  if (content.length > MAX_UPLOAD_BYTES) {
    throw new ApiError(
      "file_too_large",
      `The file is ${content.length} bytes; the limit is 10 MiB (${MAX_UPLOAD_BYTES} bytes).`,
    );
  }
  const meta: FileMeta = {
    id: newId("file"),
    fileName: storedFileName(upload.fileName),
    contentType: acceptedContentType(content, rule),
    size: content.length,
    sha256: createHash("sha256").update(content).digest("hex"),
    uploadedAt: now,
  };
  return { meta, content };
}

/** A new return label replaces the visit's old one, whose bytes are dropped; the visit gets a new version. */
export function setReturnLabel(
  tenant: Tenant,
  visitId: string,
  file: StoredFile,
  now: string,
): SiteVisitRecord {
  const visit = getSiteVisit(tenant, visitId);
  if (visit.returnLabel) tenant.files.delete(visit.returnLabel.id);
  tenant.files.set(file.meta.id, file);
  const updated = nextVersion(visit, { returnLabel: file.meta }, now);
  tenant.siteVisits.set(visitId, updated);
  return updated;
}

/** Attachments accumulate; the message gets a new version. */
export function addAttachment(
  tenant: Tenant,
  messageId: string,
  file: StoredFile,
  now: string,
): MessageRecord {
  const message = getMessage(tenant, messageId);
  tenant.files.set(file.meta.id, file);
  const updated = nextVersion(message, { attachments: [...message.attachments, file.meta] }, now);
  tenant.messages.set(messageId, updated);
  return updated;
}

/** The content type the leading bytes show, if the upload accepts it; else 422 naming both sides. */
function acceptedContentType(content: Buffer, rule: UploadRule): string {
  const detected = detectFileType(content);
  if (detected && rule.accepts.includes(detected.contentType)) return detected.contentType;
  const accepted = FILE_TYPES.filter((type) => rule.accepts.includes(type.contentType))
    .map((type) => `${type.label} (${type.contentType})`)
    .join(", ");
  const found =
    content.length === 0
      ? "the file is empty"
      : detected
        ? `its content is ${detected.label} (${detected.contentType})`
        : "its content is not a recognized type (the type is decided by the file's leading bytes, not its name)";
  throw new ApiError("unsupported_file_type", `A ${rule.what} must be ${accepted}, but ${found}.`, {
    details: [{ field: "file", issue: `must be ${accepted}` }],
  });
}

/** The part's file name without path components, control or invisible characters; `upload` if none is left. */
function storedFileName(sent: string | undefined): string {
  const baseName =
    (sent ?? "")
      .replace(/[\p{Cc}\p{Cf}]/gu, "")
      .split(/[\\/]/)
      .pop() ?? "";
  const name = Array.from(baseName.trim()).slice(0, MAX_FILE_NAME_LENGTH).join("");
  return name === "" || name === "." || name === ".." ? DEFAULT_FILE_NAME : name;
}
