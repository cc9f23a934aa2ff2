// The practical floor for ssn-mcp: one tool on the same MCP SDK doing the same GET of a site visit,
// with the built-in fetch and a token it is given. Nothing else: no config, no token exchange, no
// validation of the answer. bare-server.mjs serves it over stdio, bare-http-server.mjs over HTTP;
// each is bundled like ssn-mcp.
import { McpServer } from "@modelcontextprotocol/server";
import { z } from "zod";

const { SSN_BASE_URL, SSN_ACCESS_TOKEN } = process.env;

export function createBareServer() {
  const server = new McpServer({ name: "bare", version: "1.0.0" });
  server.registerTool(
    "get_site_visit",
    {
      description: "Reads one site visit by its id.",
      inputSchema: z.object({ siteVisitId: z.string().describe("The site visit's id") }),
    },
    async ({ siteVisitId }) => {
      const response = await fetch(`${SSN_BASE_URL}/site-visits/${encodeURIComponent(siteVisitId)}`, {
        headers: { authorization: `Bearer ${SSN_ACCESS_TOKEN}` },
      });
      return { content: [{ type: "text", text: await response.text() }], isError: !response.ok };
    },
  );
  return server;
}
