import { ResourceTemplate } from "@modelcontextprotocol/server";
import { completeSiteVisitId } from "../completions.js";
import type { GatedRegistration } from "../gated-registration.js";
import { jsonContents, notFoundAsResourceError } from "./json-document.js";

const URI_PREFIX = "ssn://site-visits/";
/** How many recent visits `resources/list` shows. */
const RECENT_VISITS = 25;

/**
 * `ssn://site-visits/{siteVisitId}`: one site visit as a JSON document, with `assetsToService`,
 * `siteVisitAssets`, its return label's metadata and — when `messages:read` is granted — its
 * messages with their attachments' metadata (never file bodies).
 */
export const siteVisitResource: GatedRegistration = {
  name: "site-visit",
  requiredScopes: ["site-visits:read"],
  register: (server, runtime) =>
    server.registerResource(
      "site-visit",
      new ResourceTemplate(`${URI_PREFIX}{siteVisitId}`, {
        list: async () => {
          const page = await runtime
            .clientWith("site-visits:read")
            .listSiteVisits({ pageSize: RECENT_VISITS });
          return {
            resources: page.items.map((visit) => ({
              uri: `${URI_PREFIX}${visit.id}`,
              name: `Site visit ${visit.clientTicketNumber ?? visit.id} at ${visit.clientSiteId}`,
              mimeType: "application/json",
            })),
          };
        },
        complete: { siteVisitId: (typed) => completeSiteVisitId(runtime, typed) },
      }),
      {
        title: "Site visit",
        description: "A site visit (work order) as JSON: assets, return label, and messages with attachments",
        mimeType: "application/json",
      },
      async (uri, { siteVisitId }) => {
        const id = String(siteVisitId);
        const visit = await notFoundAsResourceError(uri, () =>
          runtime.clientWith("site-visits:read").getSiteVisit(id),
        );
        const messages = runtime.client?.hasScope("messages:read")
          ? (await runtime.client.listMessages({ siteVisitId: id, pageSize: 100 })).items
          : undefined;
        return jsonContents(uri, { ...visit, ...(messages ? { messages } : {}) });
      },
    ),
};
