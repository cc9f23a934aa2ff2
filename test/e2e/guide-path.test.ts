import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GUIDE_VISIT_WITH_ASSETS } from "../../src/demo/guide-payloads.js";
import { walkGuidePath } from "../../src/demo/walkthrough.js";
import {
  type ClientKind,
  connectServer,
  credentialEnv,
  DEMO,
  startTestEmulator,
  type TestEmulator,
} from "./harness.js";

const CLIENTS: [ClientKind, string][] = [
  ["v2", "the current SDK client (2025-era handshake)"],
  ["v2-modern", "the current SDK client in 2026-07-28 mode (server/discover)"],
  ["v1", "the 1.x SDK client many clients in the field use"],
];

describe.each(CLIENTS)("the guide's first path over stdio with %s", (kind) => {
  let emulator: TestEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  it("creates the site, the visit with its assets, finds it, reads its document and adds a message", async () => {
    const server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret), kind);
    try {
      const result = await walkGuidePath(server.client, () => {});
      expect(result.visit).toMatchObject({
        clientSiteId: "DEMO-STORE-100",
        clientTicketNumber: GUIDE_VISIT_WITH_ASSETS.clientTicketNumber,
        projectId: 123,
        itemName: "TEST ITEM",
        status: "Open",
        siteVisitAssets: [{ siteAssetId: 456, uniqueId: "K-100-1" }, { siteAssetId: 457 }],
      });
      const document = JSON.parse(result.resourceText) as Record<string, unknown>;
      expect(document.id).toBe(result.siteVisitId);
      expect(document.assetsToService).toContain("K-100-1");

      const { resources } = await server.client.listResources();
      expect(resources.map((r) => r.uri)).toContain(`ssn://site-visits/${result.siteVisitId}`);

      const creates = (await emulator.requests()).filter(
        (r) => r.method === "POST" && r.path.endsWith("/site-visits"),
      );
      expect(creates).toHaveLength(1);
      expect(creates[0]?.idempotencyKey).toBeTruthy();
      expect(creates[0]?.status).toBe(201);
    } finally {
      await server.close();
    }
  });
});
