import { lstat, open, realpath } from "node:fs/promises";
import { basename, isAbsolute, relative, sep } from "node:path";
import { z } from "zod";
import { MAX_UPLOAD_BYTES, type UploadEndpointName } from "../../contract/files.js";
import type { FileMeta } from "../../contract/schemas.js";
import { SsnFileRejectedError } from "../../ssn/errors.js";
import type { FileAccess, ToolContext } from "../tool.js";

/** Where an upload's bytes come from: a local path (stdio only) or base64 content with a name. */
export const fileInputShape = {
  path: z
    .string()
    .min(1)
    .max(4096)
    .optional()
    .describe("Absolute path of a local file inside SSN_FILE_ROOTS or the client's roots (local use only)"),
  content: z
    .string()
    .min(1)
    .optional()
    .describe("The file's bytes as standard base64, at most 10 MiB decoded"),
  fileName: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      "Name to store the file under, e.g. label.pdf; needed with content, defaults to the path's name",
    ),
};

type FileInput = { path?: string | undefined; content?: string | undefined; fileName?: string | undefined };

/** Cross-field rule for `fileInputShape`: exactly one source, and a name with content. */
export function checkFileSource(input: FileInput, ctx: z.core.$RefinementCtx): void {
  if ((input.path === undefined) === (input.content === undefined)) {
    ctx.addIssue({
      code: "custom",
      message: "give either path or content (with fileName), not both and not neither",
    });
  } else if (input.content !== undefined && input.fileName === undefined) {
    ctx.addIssue({ code: "custom", path: ["fileName"], message: "is required with content, e.g. label.pdf" });
  }
}

/** Checked in two simple steps: one regex over a 13 MiB string must not backtrack or recurse. */
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;
const BAD_PADDING = /=[^=]|={3,}$/;
const DATA_URL_PREFIX = /^data:[\w.+-]+\/[\w.+-]+;base64,/;

/** An upload tool's whole run: read and check the file the arguments name, then upload it, with progress. */
export async function uploadFile(
  endpoint: UploadEndpointName,
  parentId: string,
  source: FileInput,
  ctx: ToolContext,
): Promise<{ file: FileMeta }> {
  await ctx.progress(0, 2, "reading and checking the file");
  const file = await readFileInput(source, ctx.files);
  await ctx.progress(1, 2, "uploading");
  return { file: await ctx.ssn.upload(endpoint, parentId, file, { signal: ctx.signal }) };
}

/** Reads the file the arguments name; refuses anything not plainly allowed, before any upload. */
export async function readFileInput(
  input: FileInput,
  files: FileAccess,
): Promise<{ fileName: string; content: Uint8Array }> {
  if (input.content !== undefined) {
    return { fileName: input.fileName ?? "upload", content: decodeBase64(input.content) };
  }
  const path = input.path ?? "";
  if (!files.pathsAllowed) {
    throw new SsnFileRejectedError(
      "files can be given by path only when ssn-mcp runs locally over stdio; send content (base64) and fileName instead",
    );
  }
  return {
    fileName: input.fileName ?? basename(path),
    content: await readInsideRoots(path, await files.roots()),
  };
}

/** Strict base64: whitespace and a `data:…;base64,` prefix are tolerated, anything else is refused. */
function decodeBase64(text: string): Uint8Array {
  const compact = text.replace(DATA_URL_PREFIX, "").replace(/\s+/g, "");
  if (compact.length % 4 !== 0 || NOT_BASE64.test(compact) || BAD_PADDING.test(compact)) {
    throw new SsnFileRejectedError(
      "content is not valid base64 (only A–Z, a–z, 0–9, +, / and = padding, in groups of 4): it may be truncated or damaged",
    );
  }
  if ((compact.length / 4) * 3 > MAX_UPLOAD_BYTES + 2) {
    throw new SsnFileRejectedError(
      `content decodes to more than ${MAX_UPLOAD_BYTES} bytes (10 MiB), the upload limit`,
    );
  }
  return Buffer.from(compact, "base64");
}

async function readInsideRoots(path: string, roots: string[]): Promise<Uint8Array> {
  if (!isAbsolute(path)) throw new SsnFileRejectedError(`path must be absolute, got "${path}"`);
  if (roots.length === 0) {
    throw new SsnFileRejectedError(
      "no directories are open to ssn-mcp: set SSN_FILE_ROOTS, or send content (base64) instead",
    );
  }
  // Links and `..` are resolved first, so the check sees where the file really is.
  const real = await realpath(path).catch(() => {
    throw new SsnFileRejectedError(`no readable file at "${path}"`);
  });
  const realRoots = await Promise.all(roots.map((root) => realpath(root).catch(() => undefined)));
  const inside = realRoots.some((root) => root !== undefined && isWithin(real, root));
  if (!inside) {
    throw new SsnFileRejectedError(
      `"${path}" is outside the directories open to ssn-mcp (${roots.join(", ")})`,
    );
  }
  // Checked before opening: opening a FIFO or a device would block.
  const stat = await lstat(real);
  if (!stat.isFile()) throw new SsnFileRejectedError(`"${path}" is not a regular file`);
  const handle = await open(real, "r");
  try {
    if (stat.size > MAX_UPLOAD_BYTES) {
      throw new SsnFileRejectedError(
        `"${path}" has ${stat.size} bytes; the upload limit is ${MAX_UPLOAD_BYTES} (10 MiB)`,
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function isWithin(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
