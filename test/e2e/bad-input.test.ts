import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS } from "../../src/demo/guide-payloads.js";
import {
  type ConnectedServer,
  connectServer,
  credentialEnv,
  DEMO,
  fetchToken,
  OTHER,
  startTestEmulator,
  type TestEmulator,
  type ToolResult,
} from "./harness.js";

describe("bad input and API errors reach the model as tool errors that say what to do", () => {
  let emulator: TestEmulator;
  let server: ConnectedServer;
  const call = async (name: string, args: Record<string, unknown>) =>
    (await server.client.callTool({ name, arguments: args })) as ToolResult;
  const errorText = async (name: string, args: Record<string, unknown>) => {
    const result = await call(name, args);
    expect(result.isError).toBe(true);
    return result.content[0]?.text ?? "";
  };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret));
    expect((await call("create_site", GUIDE_SITE)).isError).toBe(false);
  });
  afterAll(async () => {
    await server.close();
    await emulator.close();
  });

  it("duplicate siteCode → 409 with the advice to reuse it", async () => {
    const text = await errorText("create_site", { ...GUIDE_SITE, name: "Another name" });
    expect(text).toContain("409 duplicate_site_code");
    expect(text).toContain("use it as clientSiteId, or choose another siteCode");
    expect(text).toMatch(/Request id: req_/);
  });

  it.each([
    ["an unknown project", { projectId: 999 }, "projectId", "call list_projects"],
    ["an inactive project", { projectId: 124 }, "projectId", "call list_projects"],
    ["an unknown item", { itemName: "NO SUCH ITEM" }, "itemName", "call list_items"],
    ["an unknown clientSiteId", { clientSiteId: "NOPE-1" }, "clientSiteId", "call create_site first"],
  ])("%s → 404 naming the field and the lookup to make", async (_label, change, field, advice) => {
    const text = await errorText("create_site_visit", {
      ...GUIDE_VISIT_WITH_ASSETS,
      clientTicketNumber: undefined,
      ...change,
    });
    expect(text).toContain("404 not_found");
    expect(text).toContain(field);
    expect(text).toContain(advice);
  });

  it("cross-site assets → 409 asset_site_mismatch", async () => {
    const text = await errorText("create_site_visit", {
      ...GUIDE_VISIT_WITH_ASSETS,
      clientTicketNumber: "T-CROSS",
      siteAssetIds: [456, 458],
    });
    expect(text).toContain("409 asset_site_mismatch");
    expect(text).toContain("every siteAssetId must belong to the visit's own site");
  });

  it("dueDate before startDate → 422 naming dueDate", async () => {
    const text = await errorText("create_site_visit", {
      ...GUIDE_VISIT_WITH_ASSETS,
      clientTicketNumber: "T-422",
      dueDate: "2026-04-14T00:00:00Z",
    });
    expect(text).toContain("422 validation_failed");
    expect(text).toContain("dueDate");
  });

  it("an unknown visit → 404 with the advice to look it up by ticket", async () => {
    const text = await errorText("get_site_visit", { siteVisitId: "visit_00000000000000000000000000000000" });
    expect(text).toContain("404 not_found");
    expect(text).toContain("find_visit_by_ticket");
  });

  it("another tenant's visit is indistinguishable from an absent one", async () => {
    const token = await fetchToken(emulator, OTHER);
    const api = (path: string, body: unknown) =>
      fetch(`${emulator.baseUrl}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await api("/sites", { ...GUIDE_SITE, siteCode: "OTHER-1" });
    const created = (await (
      await api("/site-visits", {
        ...GUIDE_VISIT_WITH_ASSETS,
        clientSiteId: "OTHER-1",
        projectId: 777,
        itemName: "OTHER ITEM",
        siteAssetIds: [900],
      })
    ).json()) as { data: { id: string } };

    const theirs = await errorText("get_site_visit", { siteVisitId: created.data.id });
    const absent = await errorText("get_site_visit", {
      siteVisitId: "visit_00000000000000000000000000000000",
    });
    const normalize = (text: string) =>
      text.replace(/visit_[0-9a-f]{32}/g, "visit_ID").replace(/req_\w+/g, "req_ID");
    expect(normalize(theirs)).toBe(normalize(absent));
    const found = await call("find_visit_by_ticket", {
      clientTicketNumber: GUIDE_VISIT_WITH_ASSETS.clientTicketNumber,
    });
    expect(found.structuredContent).toEqual({ found: false, siteVisit: null });
  });

  it("arguments the schema refuses are never sent, and the error names the field and accepted form", async () => {
    await emulator.control("DELETE", "/requests");
    const text = await errorText("create_site_visit", {
      ...GUIDE_VISIT_WITH_ASSETS,
      projectId: "one-two-three",
      startDate: "April 15",
    });
    expect(text).toContain("Invalid arguments for create_site_visit; nothing was sent to SSN");
    expect(text).toContain('projectId: expected an integer, e.g. 123, got the string "one-two-three"');
    expect(text).toContain("startDate: must be an RFC 3339 date-time with an offset");
    expect(await emulator.requests()).toEqual([]);
  });

  it("a refused create, repeated after its cause is fixed, is sent anew rather than replayed", async () => {
    const visit = {
      ...GUIDE_VISIT_WITH_ASSETS,
      clientSiteId: "NEW-1",
      clientTicketNumber: "T-NEW-1",
      siteAssetIds: [],
    };
    expect(await errorText("create_site_visit", visit)).toContain("404 not_found");
    expect((await call("create_site", { ...GUIDE_SITE, siteCode: "NEW-1" })).isError).toBe(false);
    const again = await call("create_site_visit", visit);
    expect(again.isError).toBe(false);
    expect(again.structuredContent.alreadyExisted).toBe(false);
  });

  it("repeating the same create returns the first record instead of a duplicate", async () => {
    const visit = { ...GUIDE_VISIT_WITH_ASSETS, clientTicketNumber: "T-REPEAT" };
    const first = await call("create_site_visit", visit);
    const second = await call("create_site_visit", visit);
    expect(first.isError).toBe(false);
    expect(second.isError).toBe(false);
    expect(first.structuredContent.alreadyExisted).toBe(false);
    expect(second.structuredContent.alreadyExisted).toBe(true);
    expect((second.structuredContent.siteVisit as { id: string }).id).toBe(
      (first.structuredContent.siteVisit as { id: string }).id,
    );
    expect(second.content[0]?.text).toContain("no second record was made");
  });

  it("assign_assets adds, removes and clears against the visit's current state", async () => {
    const created = await call("create_site_visit", {
      ...GUIDE_VISIT_WITH_ASSETS,
      clientTicketNumber: "T-ASSETS",
      siteAssetIds: [456],
    });
    const siteVisitId = (created.structuredContent.siteVisit as { id: string }).id;
    const ids = (result: ToolResult) =>
      (
        result.structuredContent.siteVisit as { siteVisitAssets: { siteAssetId: number }[] }
      ).siteVisitAssets.map((a) => a.siteAssetId);

    const added = await call("assign_assets", { siteVisitId, siteAssetIds: [457], mode: "add" });
    expect(ids(added)).toEqual([456, 457]);
    expect(added.structuredContent).toMatchObject({ added: [457], removed: [] });
    const removed = await call("assign_assets", { siteVisitId, siteAssetIds: "456", mode: "remove" });
    expect(ids(removed)).toEqual([457]);
    const cleared = await call("assign_assets", { siteVisitId, siteAssetIds: [] });
    expect(ids(cleared)).toEqual([]);
    expect(cleared.structuredContent).toMatchObject({ removed: [457] });
    const patches = (await emulator.requests()).filter((r) => r.method === "PATCH");
    expect(patches.map((p) => p.status)).toEqual([200, 200, 200]);
    const crossSite = await errorText("assign_assets", { siteVisitId, siteAssetIds: [458] });
    expect(crossSite).toContain("409 asset_site_mismatch");
  });
});
