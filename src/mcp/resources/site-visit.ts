import { type McpServer, ResourceNotFoundError, ResourceTemplate } from "@modelcontextprotocol/server";
import { SsnApiError } from "../../ssn/errors.js";
import type { Runtime } from "../runtime.js";
import { sanitizeDeep } from "../sanitize.js";

export const SITE_VISIT_SCOPE = "site-visits:read";
const URI_PREFIX = "ssn://site-visits/";
/** How many recent visits `resources/list` shows. */
const RECENT_VISITS = 25;

/**
 * `ssn://site-visits/{siteVisitId}`: one site visit as a JSON document, with `assetsToService` and
 * `siteVisitAssets`. The server registers it only while the scope is granted.
 */
export function registerSiteVisitResource(server: McpServer, runtime: Runtime) {
  return server.registerResource(
    "site-visit",
    new ResourceTemplate(`${URI_PREFIX}{siteVisitId}`, {
      list: async () => {
        const page = await requireClient(runtime).listSiteVisits({ pageSize: RECENT_VISITS });
        return {
          resources: page.items.map((visit) => ({
            uri: `${URI_PREFIX}${visit.id}`,
            name: `Site visit ${visit.clientTicketNumber ?? visit.id} at ${visit.clientSiteId}`,
            mimeType: "application/json",
          })),
        };
      },
    }),
    {
      title: "Site visit",
      description: "A site visit (work order) as JSON, with its assigned assets",
      mimeType: "application/json",
    },
    async (uri, { siteVisitId }) => {
      try {
        const visit = await requireClient(runtime).getSiteVisit(String(siteVisitId));
        return {
          contents: [
            {
              uri: uri.href,
              mimeType: "application/json",
              text: JSON.stringify(sanitizeDeep(visit), null, 2),
            },
          ],
        };
      } catch (error) {
        if (error instanceof SsnApiError && error.status === 404) throw new ResourceNotFoundError(uri.href);
        throw error;
      }
    },
  );
}

function requireClient(runtime: Runtime) {
  if (!runtime.client?.hasScope(SITE_VISIT_SCOPE)) {
    throw new Error(`site-visit resources need the scope "${SITE_VISIT_SCOPE}"; call ssn_status`);
  }
  return runtime.client;
}
