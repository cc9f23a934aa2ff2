import { ResourceNotFoundError, ResourceTemplate } from "@modelcontextprotocol/server";
import { completeSiteCode } from "../completions.js";
import type { GatedRegistration } from "../gated-registration.js";
import { jsonContents } from "./json-document.js";

const URI_PREFIX = "ssn://sites/";

/** `ssn://sites/{siteCode}`: one site as JSON, with its visits when `site-visits:read` is granted. */
export const siteResource: GatedRegistration = {
  name: "site",
  requiredScopes: ["sites:read"],
  register: (server, runtime) =>
    server.registerResource(
      "site",
      new ResourceTemplate(`${URI_PREFIX}{siteCode}`, {
        list: async () => {
          const page = await runtime.clientWith("sites:read").listSites({ pageSize: 25 });
          return {
            resources: page.items.map((site) => ({
              uri: `${URI_PREFIX}${encodeURIComponent(site.siteCode)}`,
              name: `Site ${site.siteCode}: ${site.name}`,
              mimeType: "application/json",
            })),
          };
        },
        complete: { siteCode: (typed) => completeSiteCode(runtime, typed) },
      }),
      { title: "Site", description: "A site as JSON, with its site visits", mimeType: "application/json" },
      async (uri, { siteCode }) => {
        const code = decodeURIComponent(String(siteCode));
        const [site] = (await runtime.clientWith("sites:read").listSites({ siteCode: code, pageSize: 1 }))
          .items;
        if (!site) throw new ResourceNotFoundError(uri.href);
        const siteVisits = runtime.client?.hasScope("site-visits:read")
          ? (await runtime.client.listSiteVisits({ clientSiteId: code, pageSize: 100 })).items
          : undefined;
        return jsonContents(uri, { ...site, ...(siteVisits ? { siteVisits } : {}) });
      },
    ),
};
