import type { Page } from "../../ssn/client.js";
import type { GatedRegistration } from "../gated-registration.js";
import type { Runtime } from "../runtime.js";
import { jsonContents } from "./json-document.js";

/** Reads every page of a list: reference data is small, and a document should be whole. */
async function readAll<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

function referenceResource(
  name: "projects" | "items",
  description: string,
  read: (runtime: Runtime, cursor: string | undefined) => Promise<Page<unknown>>,
): GatedRegistration {
  return {
    name: `reference-${name}`,
    requiredScopes: ["site-visits:read"],
    register: (server, runtime) =>
      server.registerResource(
        `reference-${name}`,
        `ssn://reference/${name}`,
        { title: `Reference: ${name}`, description, mimeType: "application/json" },
        async (uri) => jsonContents(uri, { [name]: await readAll((cursor) => read(runtime, cursor)) }),
      ),
  };
}

export const projectsResource = referenceResource(
  "projects",
  "The active projects of the account: valid projectId values",
  (runtime, cursor) => runtime.clientWith("site-visits:read").listProjects({ pageSize: 100, cursor }),
);

export const itemsResource = referenceResource(
  "items",
  "The items of the account: valid itemName values",
  (runtime, cursor) => runtime.clientWith("site-visits:read").listItems({ pageSize: 100, cursor }),
);
