import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectServer,
  credentialEnv,
  DEMO,
  READ_TOOLS,
  startTestEmulator,
  type TestEmulator,
} from "./harness.js";

interface Status {
  structuredContent: { grantedScopes: string[]; hiddenTools: { name: string; reason: string }[] };
}

describe("the user's own limits narrow what the credential may do", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  async function surface(extra: Record<string, string>) {
    const server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret, extra));
    try {
      const tools = (await server.client.listTools()).tools.map((t) => t.name);
      const templates = (
        await (
          server.client as unknown as {
            listResourceTemplates(): Promise<{ resourceTemplates: { uriTemplate: string }[] }>;
          }
        ).listResourceTemplates()
      ).resourceTemplates.map((t) => t.uriTemplate);
      const status = (await server.client.callTool({ name: "ssn_status", arguments: {} })) as Status;
      return { tools, templates, status: status.structuredContent };
    } finally {
      await server.close();
    }
  }

  it("SSN_SCOPES asks the token endpoint for fewer scopes; tools and resources follow", async () => {
    await emulator.control("DELETE", "/requests");
    const { tools, templates, status } = await surface({ SSN_SCOPES: "sites:read sites:write" });
    expect(tools).toEqual(["ssn_status", "list_sites", "get_site", "create_site", "update_site"]);
    expect(templates).toEqual(["ssn://sites/{siteCode}"]);
    expect(status.grantedScopes).toEqual(["sites:read", "sites:write"]);
    const tokenRequest = (await emulator.requests()).find((r) => r.path.endsWith("/oauth/token"));
    expect(tokenRequest?.status).toBe(200);
  });

  it("SSN_READ_ONLY hides every write tool and says why", async () => {
    const { tools, templates, status } = await surface({ SSN_READ_ONLY: "true" });
    expect(tools).toEqual([...READ_TOOLS, "list_webhook_subscriptions"]);
    expect(templates).toEqual(["ssn://site-visits/{siteVisitId}", "ssn://sites/{siteCode}"]);
    expect(status.hiddenTools).toContainEqual({
      name: "add_message",
      missingScopes: ["messages:write"],
      reason: 'needs "messages:write", withheld because SSN_READ_ONLY is set',
    });
  });

  it("SSN_TOOLSETS lists only the tools of the named groups, and ssn_status", async () => {
    const { tools, status } = await surface({ SSN_TOOLSETS: "reference,files" });
    expect(tools).toEqual([
      "ssn_status",
      "list_projects",
      "list_items",
      "upload_return_label",
      "attach_message_file",
    ]);
    expect(status.hiddenTools).toContainEqual({
      name: "create_site_visit",
      missingScopes: [],
      reason: 'its toolset "site_visits" is not in SSN_TOOLSETS',
    });
  });

  it("SSN_TOOLS lists only the named tools, and ssn_status", async () => {
    const { tools, status } = await surface({ SSN_TOOLS: "find_visit_by_ticket,add_message" });
    expect(tools).toEqual(["ssn_status", "find_visit_by_ticket", "add_message"]);
    expect(status.hiddenTools).toContainEqual({
      name: "create_site",
      missingScopes: [],
      reason: "not in SSN_TOOLS",
    });
  });
});
