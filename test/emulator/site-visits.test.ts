import { describe, expect, it } from "vitest";
import { SiteVisit } from "../../src/contract/schemas.js";
import {
  callerFor,
  control,
  createGuideSite,
  createGuideVisit,
  detailsByField,
  GUIDE_VISIT,
  GUIDE_VISIT_WITH_ASSETS,
  jsonInit,
  START_TIME,
  siteWithCode,
  startTestEmulator,
} from "./helpers.js";

const KIOSK = {
  siteAssetId: 456,
  uniqueId: "K-100-1",
  friendlyLocation: "Front counter",
  assetStatus: "Active",
  assetDisplay: "Kiosk screen",
};
const PRINTER = {
  siteAssetId: 457,
  uniqueId: "P-100-2",
  friendlyLocation: "Back office",
  assetStatus: "Active",
  assetDisplay: "Printer",
};
const BOTH_ASSETS = "Kiosk screen (K-100-1, Front counter); Printer (P-100-2, Back office)";

describe("creating site visits", () => {
  it("creates the guide's visit with assets 456 and 457", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const site = await createGuideSite(api);
    const reply = await api.post("/site-visits", GUIDE_VISIT_WITH_ASSETS);
    expect(reply.status).toBe(201);
    expect(reply.headers.get("etag")).toBe('"1"');
    const now = new Date(START_TIME).toISOString();
    expect(reply.body.data).toEqual({
      ...GUIDE_VISIT_WITH_ASSETS,
      id: expect.stringMatching(/^visit_[0-9a-f]{32}$/),
      siteId: site.id,
      startDate: "2026-04-15T16:00:00.000Z",
      dueDate: "2026-04-16T01:00:00.000Z",
      status: "Open",
      assetsToService: BOTH_ASSETS,
      siteVisitAssets: [KIOSK, PRINTER],
      returnLabel: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    expect(SiteVisit.safeParse(reply.body.data).success).toBe(true);
    const read = await api.get(`/site-visits/${reply.body.data.id}`);
    expect(read.body).toEqual({ data: reply.body.data });
  });

  it("fills defaults and has no asset summary without assets", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    const {
      jobInstructions: _j,
      schedulingRule: _s,
      arePartsRequired: _a,
      clientTicketNumber: _c,
      ...minimal
    } = GUIDE_VISIT;
    const reply = await api.post("/site-visits", minimal);
    expect(reply.status).toBe(201);
    expect(reply.body.data).toMatchObject({
      clientTicketNumber: null,
      jobInstructions: null,
      schedulingRule: null,
      arePartsRequired: false,
      siteAssetIds: [],
      assetsToService: null,
      siteVisitAssets: [],
    });
  });

  it("normalizes dates with an offset to UTC with milliseconds", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    const reply = await api.post("/site-visits", {
      ...GUIDE_VISIT,
      startDate: "2026-04-15T09:00:00-07:00",
      dueDate: "2026-04-15T18:00:00.5-07:00",
    });
    expect(reply.body.data.startDate).toBe("2026-04-15T16:00:00.000Z");
    expect(reply.body.data.dueDate).toBe("2026-04-16T01:00:00.500Z");
  });

  it("refuses an unknown clientSiteId with 404", async () => {
    const emulator = await startTestEmulator();
    const reply = await (await callerFor(emulator)).post("/site-visits", GUIDE_VISIT);
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("not_found");
    expect(detailsByField(reply)).toHaveProperty("clientSiteId");
  });

  it("refuses an inactive or unknown project with 404", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    for (const projectId of [124, 999, 777]) {
      const reply = await api.post("/site-visits", { ...GUIDE_VISIT, projectId });
      expect(reply.status).toBe(404);
      expect(detailsByField(reply)).toHaveProperty("projectId");
    }
  });

  it("refuses an unknown item with 404", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    const reply = await api.post("/site-visits", { ...GUIDE_VISIT, itemName: "OTHER ITEM" });
    expect(reply.status).toBe(404);
    expect(detailsByField(reply)).toHaveProperty("itemName");
  });

  it("refuses a duplicate clientTicketNumber with 409 duplicate_ticket_number", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideVisit(api, GUIDE_VISIT);
    const reply = await api.post("/site-visits", GUIDE_VISIT);
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("duplicate_ticket_number");
  });

  it("refuses an asset of another site with 409 asset_site_mismatch", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    await createGuideSite(api, siteWithCode("DEMO-STORE-200"));
    const reply = await api.post("/site-visits", { ...GUIDE_VISIT, siteAssetIds: [456, 458] });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("asset_site_mismatch");
    expect(detailsByField(reply)).toEqual({
      "siteAssetIds.1": "site asset 458 belongs to site DEMO-STORE-200",
    });
  });

  it("refuses an unknown or another client's asset with 404", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    const reply = await api.post("/site-visits", { ...GUIDE_VISIT, siteAssetIds: [456, 999, 900] });
    expect(reply.status).toBe(404);
    expect(Object.keys(detailsByField(reply))).toEqual(["siteAssetIds.1", "siteAssetIds.2"]);
  });

  it("refuses invalid fields with 422 and field details", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    const early = await api.post("/site-visits", { ...GUIDE_VISIT, dueDate: "2026-04-15T15:59:59Z" });
    expect(early.status).toBe(422);
    expect(detailsByField(early).dueDate).toContain("must not be before startDate");
    const invalid = await api.post("/site-visits", {
      ...GUIDE_VISIT,
      tenantId: "t-1",
      startDate: "2026-04-15 16:00",
      siteAssetIds: [456, "457"],
      projectId: "123",
    });
    expect(invalid.status).toBe(422);
    expect(detailsByField(invalid)).toEqual({
      tenantId: "is not an accepted field",
      startDate: "must be an RFC 3339 date-time with an offset, e.g. 2026-04-15T16:00:00Z",
      "siteAssetIds.1": "must be a number, not a string",
      projectId: "must be a number, not a string",
    });
    const repeated = await api.post("/site-visits", { ...GUIDE_VISIT, siteAssetIds: [456, 456] });
    expect(detailsByField(repeated)).toEqual({ "siteAssetIds.1": "repeats site asset 456" });
  });

  it("uses assets added at run time", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    const asset = {
      clientId: "demo-client",
      siteCode: "DEMO-STORE-100",
      id: 459,
      uniqueId: "S-100-3",
      friendlyLocation: "Stockroom",
      assetStatus: "Active",
      assetDisplay: "Scanner",
    };
    expect((await control(emulator, "/site-assets", jsonInit("POST", asset))).status).toBe(201);
    const reply = await api.post("/site-visits", { ...GUIDE_VISIT, siteAssetIds: [459] });
    expect(reply.body.data.assetsToService).toBe("Scanner (S-100-3, Stockroom)");
  });
});

describe("reading site visits", () => {
  it("looks a visit up by clientTicketNumber and by clientSiteId", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const byTicket = await api.get("/site-visits?clientTicketNumber=CLIENT-TKT-10027");
    expect(byTicket.status).toBe(200);
    expect(byTicket.body).toEqual({ data: [visit], meta: { pageSize: 25, nextCursor: null } });
    expect((await api.get("/site-visits?clientTicketNumber=CLIENT-TKT-0")).body.data).toEqual([]);
    expect((await api.get("/site-visits?clientSiteId=DEMO-STORE-100")).body.data).toEqual([visit]);
  });

  it("answers an unknown visit with 404", async () => {
    const emulator = await startTestEmulator();
    const reply = await (await callerFor(emulator)).get(`/site-visits/visit_${"0".repeat(32)}`);
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe("not_found");
  });

  it("hides another client's visit: 404 to read or patch, absent from lists", async () => {
    const emulator = await startTestEmulator();
    const other = await callerFor(emulator, "other-client");
    await createGuideSite(other, siteWithCode("OTHER-1"));
    const created = await other.post("/site-visits", {
      ...GUIDE_VISIT,
      clientSiteId: "OTHER-1",
      projectId: 777,
      itemName: "OTHER ITEM",
      siteAssetIds: [900],
    });
    expect(created.status).toBe(201);
    const demo = await callerFor(emulator);
    expect((await demo.get(`/site-visits/${created.body.data.id}`)).status).toBe(404);
    expect((await demo.patch(`/site-visits/${created.body.data.id}`, { description: "x" })).status).toBe(404);
    expect((await demo.get("/site-visits?clientTicketNumber=CLIENT-TKT-10027")).body.data).toEqual([]);
  });
});

describe("patching site visits", () => {
  it("keeps assets when siteAssetIds is omitted, clears them with [], replaces them otherwise", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const path = `/site-visits/${visit.id}`;

    const omitted = await api.patch(path, { description: "Replace kiosk screen and test printer" });
    expect(omitted.body.data).toMatchObject({
      siteAssetIds: [456, 457],
      assetsToService: BOTH_ASSETS,
      version: 2,
    });
    const replaced = await api.patch(path, { siteAssetIds: [457] });
    expect(replaced.body.data).toMatchObject({ siteVisitAssets: [PRINTER], version: 3 });
    const cleared = await api.patch(path, { siteAssetIds: [] });
    expect(cleared.status).toBe(200);
    expect(cleared.headers.get("etag")).toBe('"4"');
    expect(cleared.body.data).toMatchObject({ siteAssetIds: [], assetsToService: null, siteVisitAssets: [] });
  });

  it("applies the asset rules on patch too", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const mismatch = await api.patch(`/site-visits/${visit.id}`, { siteAssetIds: [458] });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.error.code).toBe("asset_site_mismatch");
    expect((await api.patch(`/site-visits/${visit.id}`, { siteAssetIds: [12345] })).status).toBe(404);
  });

  it("checks dueDate against the merged record", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const reply = await api.patch(`/site-visits/${visit.id}`, { dueDate: "2026-04-15T12:00:00Z" });
    expect(reply.status).toBe(422);
    expect(detailsByField(reply)).toHaveProperty("dueDate");
    const moved = await api.patch(`/site-visits/${visit.id}`, {
      startDate: "2026-04-14T08:00:00Z",
      dueDate: "2026-04-15T12:00:00Z",
    });
    expect(moved.status).toBe(200);
  });

  it("refuses clientSiteId and unknown fields with 422", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const reply = await api.patch(`/site-visits/${visit.id}`, {
      clientSiteId: "DEMO-STORE-200",
      status: "Closed",
    });
    expect(reply.status).toBe(422);
    expect(detailsByField(reply)).toEqual({
      clientSiteId: "cannot be changed; a site visit stays at its site",
      status: "is not an accepted field",
    });
  });

  it("refuses a stale If-Match with 409 version_conflict", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const path = `/site-visits/${visit.id}`;
    expect((await api.patch(path, { description: "first" }, { "if-match": '"1"' })).status).toBe(200);
    const stale = await api.patch(path, { description: "second" }, { "if-match": '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    expect((await api.get(path)).body.data.description).toBe("first");
  });

  it("refuses a ticket number another visit already has", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const first = await createGuideVisit(api);
    const second = await api.post("/site-visits", { ...GUIDE_VISIT, clientTicketNumber: "CLIENT-TKT-2" });
    expect(
      (await api.patch(`/site-visits/${first.id}`, { clientTicketNumber: "CLIENT-TKT-10027" })).status,
    ).toBe(200);
    const reply = await api.patch(`/site-visits/${second.body.data.id}`, {
      clientTicketNumber: "CLIENT-TKT-10027",
    });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("duplicate_ticket_number");
  });
});
