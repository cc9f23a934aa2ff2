import { UPLOAD_FIELD, UPLOADS } from "../../contract/files.js";
import type { FileMeta } from "../../contract/schemas.js";
import { ApiError } from "../api-error.js";
import type { HttpAnswer } from "../http.js";
import { parseFormData } from "../multipart.js";
import { addAttachment, checkUpload, setReturnLabel, type Upload } from "../records/files.js";
import { pathId, type TenantContext, type TenantHandler } from "./context.js";

export const uploadHandlers = {
  returnLabel(ctx) {
    const file = checkUpload(formFile(ctx), UPLOADS.uploadReturnLabel, ctx.now);
    setReturnLabel(ctx.tenant, pathId(ctx), file, ctx.now);
    return fileAnswer(file.meta);
  },
  messageAttachment(ctx) {
    const file = checkUpload(formFile(ctx), UPLOADS.attachMessageFile, ctx.now);
    addAttachment(ctx.tenant, pathId(ctx), file, ctx.now);
    return fileAnswer(file.meta);
  },
} satisfies Record<string, TenantHandler>;

/**
 * The one `file` part of the form [guide]. The form must hold nothing else [assumed]: like unknown JSON
 * fields, other fields are refused rather than silently dropped — with 400, as every other fault of the
 * form's shape, so one rule covers it: exactly one part, named `file`. Its declared type is not used.
 */
function formFile(ctx: TenantContext): Upload {
  const parts = parseFormData(ctx.headers["content-type"], ctx.rawBody);
  const files = parts.filter((part) => part.name === UPLOAD_FIELD);
  const others = [...new Set(parts.filter((part) => part.name !== UPLOAD_FIELD).map((part) => part.name))];
  const [file] = files;
  if (others.length > 0) {
    const names = others.map((name) => JSON.stringify(name)).join(", ");
    throw formError(`The form may hold only the field "${UPLOAD_FIELD}"; it also holds ${names}.`);
  }
  if (file === undefined) {
    throw formError(
      `The form has no field "${UPLOAD_FIELD}"; send the file in a part named "${UPLOAD_FIELD}".`,
    );
  }
  if (files.length > 1) {
    throw formError(`The form holds ${files.length} "${UPLOAD_FIELD}" fields; send exactly one file.`);
  }
  return { fileName: file.fileName, content: file.content };
}

function formError(message: string): ApiError {
  return new ApiError("bad_request", message, {
    details: [{ field: UPLOAD_FIELD, issue: `send exactly one form field named "${UPLOAD_FIELD}"` }],
  });
}

/** 201 with the file's metadata; it is not a versioned resource, so there is no ETag. */
function fileAnswer(meta: FileMeta): HttpAnswer {
  return { status: 201, body: { data: meta } };
}
