import { ResourceNotFoundError } from "@modelcontextprotocol/server";
import { SsnApiError } from "../../ssn/errors.js";
import { sanitizeDeep } from "../sanitize.js";

/** A resource's contents: one JSON document, cleaned of hidden characters like every API text. */
export function jsonContents(uri: URL, document: unknown) {
  return {
    contents: [
      { uri: uri.href, mimeType: "application/json", text: JSON.stringify(sanitizeDeep(document), null, 2) },
    ],
  };
}

/** An API 404 becomes the protocol's "resource not found" for the URI the client asked for. */
export async function notFoundAsResourceError<T>(uri: URL, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof SsnApiError && error.status === 404) throw new ResourceNotFoundError(uri.href);
    throw error;
  }
}
