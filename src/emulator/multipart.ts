import { ApiError } from "./api-error.js";
import { hasMediaType } from "./http.js";

/** One part of a `multipart/form-data` body. */
export interface FormPart {
  /** The `name` of its Content-Disposition. */
  name: string;
  /** The `filename` of its Content-Disposition, as sent (unsanitized). */
  fileName: string | undefined;
  content: Buffer;
}

/** A part's header block longer than this is not a form field's. */
const PART_HEADERS_LIMIT = 8 * 1024;
/** RFC 2046 §5.1.1: 1–70 characters from `bchars`, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;
const CRLF = Buffer.from("\r\n");
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
/** One `; name=value` parameter, the value a token or a quoted string. */
const PARAMETER = new RegExp(`\\s*;\\s*(${TOKEN})\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(${TOKEN}))\\s*`, "y");

/**
 * Parses a `multipart/form-data` body (RFC 7578, RFC 2046 §5.1) strictly: the boundary from the
 * Content-Type, every part with `Content-Disposition: form-data; name=…`, and the closing boundary.
 * A preamble and an epilogue are allowed, as RFC 2046 says. Anything else is 400 `bad_request`.
 */
export function parseFormData(contentType: string | undefined, body: Buffer): FormPart[] {
  const delimiter = Buffer.from(`--${formBoundary(contentType)}`);
  const separator = Buffer.concat([CRLF, delimiter]);
  const parts: FormPart[] = [];
  let position = firstBoundary(body, delimiter, separator);
  for (;;) {
    const lineEnd = position + delimiter.length;
    if (body.subarray(lineEnd, lineEnd + 2).toString("latin1") === "--") return parts;
    // Searching from the boundary line's own line break also finds an empty header block.
    const newline = boundaryLineBreak(body, lineEnd);
    const blankLine = body.indexOf("\r\n\r\n", newline);
    if (blankLine < 0 || blankLine - newline > PART_HEADERS_LIMIT) {
      throw malformed(`a part's headers do not end with an empty line within ${PART_HEADERS_LIMIT} bytes`);
    }
    const contentStart = blankLine + 4;
    const contentEnd = body.indexOf(separator, contentStart);
    if (contentEnd < 0) throw malformed("it ends before the closing boundary");
    const headers = body.subarray(newline + CRLF.length, blankLine).toString("utf8");
    parts.push({ ...partNames(headers), content: body.subarray(contentStart, contentEnd) });
    position = contentEnd + CRLF.length;
  }
}

function formBoundary(contentType: string | undefined): string {
  if (!hasMediaType(contentType, "multipart/form-data")) {
    const got = contentType ? `"${contentType}"` : "none";
    throw new ApiError("bad_request", `Content-Type must be multipart/form-data (got ${got}).`);
  }
  const boundary = headerParameters(contentType ?? "").get("boundary");
  if (boundary === undefined || !BOUNDARY.test(boundary)) {
    throw new ApiError(
      "bad_request",
      "The Content-Type needs a valid boundary parameter: multipart/form-data; boundary=<1-70 characters>.",
    );
  }
  return boundary;
}

/** Where the first boundary line starts: at the very beginning, or after a preamble and its line break. */
function firstBoundary(body: Buffer, delimiter: Buffer, separator: Buffer): number {
  if (body.subarray(0, delimiter.length).equals(delimiter)) return 0;
  const afterPreamble = body.indexOf(separator);
  if (afterPreamble < 0) {
    throw malformed("it has no boundary line; the boundary must match the one in the Content-Type");
  }
  return afterPreamble + CRLF.length;
}

/** Where the line break after a boundary is: only spaces or tabs may come before it. */
function boundaryLineBreak(body: Buffer, start: number): number {
  let index = start;
  while (body[index] === 0x20 || body[index] === 0x09) index += 1;
  if (!body.subarray(index, index + 2).equals(CRLF)) {
    throw malformed("a boundary line is followed by something other than a line break");
  }
  return index;
}

function partNames(headerBlock: string): Pick<FormPart, "name" | "fileName"> {
  let disposition: string | undefined;
  for (const line of headerBlock.split("\r\n").filter(Boolean)) {
    const colon = line.indexOf(":");
    if (colon < 1) throw malformed(`a part has a header line without a name: "${line.slice(0, 40)}"`);
    if (line.slice(0, colon).trim().toLowerCase() === "content-disposition") {
      disposition = line.slice(colon + 1);
    }
  }
  const value = disposition?.trim() ?? "";
  const parameters = headerParameters(value);
  const name = parameters.get("name");
  if (!/^form-data\s*(;|$)/i.test(value) || name === undefined) {
    throw malformed('every part needs a header Content-Disposition: form-data; name="…"');
  }
  return { name, fileName: parameters.get("filename") };
}

/**
 * The parameters of a header value (`type; name=value; name="quoted"`), names in lowercase; the first of
 * repeated names wins. Inside quotes only `\"` and `\\` are escapes, so a Windows path keeps its backslashes.
 */
function headerParameters(value: string): Map<string, string> {
  const parameters = new Map<string, string>();
  const semicolon = value.indexOf(";");
  if (semicolon < 0) return parameters;
  PARAMETER.lastIndex = semicolon;
  while (PARAMETER.lastIndex < value.length) {
    const match = PARAMETER.exec(value);
    if (!match) throw malformed(`a header has parameters that cannot be read: "${value.slice(0, 80)}"`);
    const [, rawName = "", quoted, token] = match;
    const name = rawName.toLowerCase();
    if (!parameters.has(name)) parameters.set(name, quoted?.replace(/\\(["\\])/g, "$1") ?? token ?? "");
  }
  return parameters;
}

function malformed(problem: string): ApiError {
  return new ApiError("bad_request", `The multipart/form-data body is malformed: ${problem}.`);
}
