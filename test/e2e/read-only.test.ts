import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_SITE } from "../../src/demo/guide-payloads.js";
import { WRITE_TOOLS } from "../../src/demo/walkthrough.js";
import {
  type ConnectedServer,
  connectServer,
  credentialEnv,
  READ_TOOLS,
  READONLY,
  startTestEmulator,
  type TestEmulator,
} from "./harness.js";

describe("a read-only credential (sites:read site-visits:read messages:read)", () => {
  let emulator: TestEmulator;
  let server: ConnectedServer;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    server = await connectServer(credentialEnv(emulator, READONLY.clientId, READONLY.clientSecret));
  });
  afterAll(async () => {
    await server.close();
    await emulator.close();
  });

  it("lists exactly the read tools", async () => {
    const { tools } = await server.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(READ_TOOLS);
  });

  it.each(WRITE_TOOLS)("refuses %s, naming the missing scope, without sending anything", async (name) => {
    await emulator.control("DELETE", "/requests");
    const result = (await server.client.callTool({
      name,
      arguments: { ...GUIDE_SITE, siteVisitId: "visit_x", siteAssetIds: [456] },
    })) as { isError?: boolean; content: { text: string }[] };
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/lacks the scope "(sites|site-visits|messages):write"/);
    expect(result.content[0]?.text).toContain("nothing was sent to SSN");
    expect(await emulator.requests()).toEqual([]);
  });

  it("reports the hidden tools and the scope each lacks in ssn_status", async () => {
    const result = (await server.client.callTool({ name: "ssn_status", arguments: {} })) as {
      structuredContent: {
        hiddenTools: { name: string; missingScopes: string[] }[];
        grantedScopes: string[];
      };
    };
    expect(result.structuredContent.grantedScopes).toEqual([
      "sites:read",
      "site-visits:read",
      "messages:read",
    ]);
    expect(result.structuredContent.hiddenTools).toContainEqual(
      expect.objectContaining({ name: "create_site_visit", missingScopes: ["site-visits:write"] }),
    );
  });
});
