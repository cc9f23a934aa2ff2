import { describe, expect, it } from "vitest";
import { Site } from "../../src/contract/schemas.js";
import {
  callerFor,
  createGuideSite,
  detailsByField,
  GUIDE_SITE,
  type Reply,
  START_TIME,
  siteWithCode,
  startTestEmulator,
} from "./helpers.js";

describe("sites", () => {
  it("answers the guide's first API check with an empty list", async () => {
    const emulator = await startTestEmulator();
    const reply = await (await callerFor(emulator)).get("/sites");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ data: [], meta: { pageSize: 25, nextCursor: null } });
  });

  it("creates the guide's site and reads it back", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const created = await api.post("/sites", GUIDE_SITE);
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    const now = new Date(START_TIME).toISOString();
    expect(created.body.data).toEqual({
      id: expect.stringMatching(/^site_[0-9a-f]{32}$/),
      ...GUIDE_SITE,
      addressLine2: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    expect(Site.safeParse(created.body.data).success).toBe(true);

    const read = await api.get(`/sites/${created.body.data.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"1"');
    expect(read.body).toEqual({ data: created.body.data });
    const filtered = await api.get("/sites?siteCode=DEMO-STORE-100");
    expect(filtered.body.data).toEqual([created.body.data]);
  });

  it("refuses a duplicate siteCode with 409 duplicate_site_code", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    const reply = await api.post("/sites", { ...GUIDE_SITE, name: "Another name" });
    expect(reply.status).toBe(409);
    expect(reply.body.error.code).toBe("duplicate_site_code");
    expect(detailsByField(reply)).toHaveProperty("siteCode");
  });

  it("lets two clients use the same siteCode", async () => {
    const emulator = await startTestEmulator();
    await createGuideSite(await callerFor(emulator));
    expect((await (await callerFor(emulator, "other-client")).post("/sites", GUIDE_SITE)).status).toBe(201);
  });

  it("refuses tenantId and quickbaseRecordId with 422 naming both", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const reply = await api.post("/sites", { ...GUIDE_SITE, tenantId: "t-1", quickbaseRecordId: 42 });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("validation_failed");
    const details = detailsByField(reply);
    expect(details.tenantId).toContain("access token");
    expect(details.quickbaseRecordId).toContain("access token");
  });

  it("names every invalid field and says what is accepted", async () => {
    const emulator = await startTestEmulator();
    const { city: _city, ...withoutCity } = GUIDE_SITE;
    const reply = await (await callerFor(emulator)).post("/sites", {
      ...withoutCity,
      country: "USA",
      name: 7,
    });
    expect(reply.status).toBe(422);
    expect(detailsByField(reply)).toEqual({
      city: "is required: a string",
      country: "must be an ISO 3166-1 alpha-2 code such as US",
      name: "must be a string, not a number",
    });
  });

  it("patches a site as a new version, but never its siteCode", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const site = await createGuideSite(api);
    emulator.clock.now += 1000;
    const patched = await api.patch(`/sites/${site.id}`, {
      name: "Demo Store 100 (remodeled)",
      addressLine2: "Suite 4",
    });
    expect(patched.status).toBe(200);
    expect(patched.headers.get("etag")).toBe('"2"');
    expect(patched.body.data).toMatchObject({
      name: "Demo Store 100 (remodeled)",
      addressLine2: "Suite 4",
      siteCode: "DEMO-STORE-100",
      version: 2,
      createdAt: site.createdAt,
      updatedAt: new Date(START_TIME + 1000).toISOString(),
    });
    const siteCode = await api.patch(`/sites/${site.id}`, { siteCode: "NEW-CODE" });
    expect(siteCode.status).toBe(422);
    expect(detailsByField(siteCode).siteCode).toContain("cannot be changed");
  });

  it("refuses a stale If-Match with 409 version_conflict", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const site = await createGuideSite(api);
    expect((await api.patch(`/sites/${site.id}`, { city: "Tempe" }, { "if-match": '"1"' })).status).toBe(200);
    const stale = await api.patch(`/sites/${site.id}`, { city: "Mesa" }, { "if-match": '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("version_conflict");
    const malformed = await api.patch(`/sites/${site.id}`, { city: "Mesa" }, { "if-match": "2" });
    expect(malformed.status).toBe(422);
    expect(detailsByField(malformed)).toHaveProperty("If-Match");
    expect((await api.get(`/sites/${site.id}`)).body.data.city).toBe("Tempe");
  });

  it("answers another client's site exactly like an absent one", async () => {
    const emulator = await startTestEmulator();
    const site = await createGuideSite(await callerFor(emulator, "other-client"));
    const demo = await callerFor(emulator);
    const withoutRequestId = (reply: Reply) => ({ status: reply.status, code: reply.body.error.code });
    const foreign = await demo.get(`/sites/${site.id}`);
    const absent = await demo.get(`/sites/site_${"0".repeat(32)}`);
    expect(withoutRequestId(foreign)).toEqual({ status: 404, code: "not_found" });
    expect(withoutRequestId(absent)).toEqual(withoutRequestId(foreign));
    expect(foreign.body.error.message.replace(site.id, "ID")).toBe(
      absent.body.error.message.replace(`site_${"0".repeat(32)}`, "ID"),
    );
    expect((await demo.patch(`/sites/${site.id}`, { city: "Tempe" })).status).toBe(404);
    expect((await demo.get("/sites")).body.data).toEqual([]);
  });
});

describe("list paging", () => {
  it("pages with opaque cursors until nextCursor is null", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const codes = ["S-1", "S-2", "S-3", "S-4", "S-5"];
    for (const code of codes) await createGuideSite(api, siteWithCode(code));
    const seen: string[] = [];
    let path = "/sites?pageSize=2";
    for (;;) {
      const reply = await api.get(path);
      expect(reply.status).toBe(200);
      expect(reply.body.meta.pageSize).toBe(2);
      seen.push(...reply.body.data.map((site: { siteCode: string }) => site.siteCode));
      if (reply.body.meta.nextCursor === null) break;
      path = `/sites?pageSize=2&cursor=${encodeURIComponent(reply.body.meta.nextCursor)}`;
    }
    expect(seen).toEqual(codes);
  });

  it("defaults to 25 rows and accepts up to 100", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    for (let index = 0; index < 26; index++) await createGuideSite(api, siteWithCode(`S-${index}`));
    const first = await api.get("/sites");
    expect(first.body.data).toHaveLength(25);
    expect(first.body.meta.nextCursor).toEqual(expect.any(String));
    expect((await api.get("/sites?pageSize=100")).body.data).toHaveLength(26);
  });

  it("refuses a bad pageSize, cursor or query parameter with 422 naming it", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    for (const pageSize of ["0", "101", "2.5", "abc", ""]) {
      const reply = await api.get(`/sites?pageSize=${pageSize}`);
      expect(reply.status).toBe(422);
      expect(detailsByField(reply).pageSize).toBe("must be an integer from 1 to 100");
    }
    expect(detailsByField(await api.get("/sites?cursor=garbage"))).toHaveProperty("cursor");
    expect(detailsByField(await api.get("/sites?page_size=10"))).toHaveProperty("page_size");
    expect(detailsByField(await api.get("/sites?pageSize=1&pageSize=2")).pageSize).toContain("at most once");
  });

  it("refuses a cursor from another list or filter", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    for (const code of ["S-1", "S-2"]) await createGuideSite(api, siteWithCode(code));
    const cursor = (await api.get("/sites?pageSize=1")).body.meta.nextCursor;
    expect((await api.get(`/sites?pageSize=1&cursor=${cursor}`)).status).toBe(200);
    expect(detailsByField(await api.get(`/sites?siteCode=S-1&cursor=${cursor}`))).toHaveProperty("cursor");
    expect(detailsByField(await api.get(`/site-visits?cursor=${cursor}`))).toHaveProperty("cursor");
  });
});

describe("projects and items", () => {
  it("lists the client's active projects only", async () => {
    const emulator = await startTestEmulator();
    const reply = await (await callerFor(emulator)).get("/projects");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      data: [{ id: 123, name: "Demo Rollout", active: true }],
      meta: { pageSize: 25, nextCursor: null },
    });
    const other = await (await callerFor(emulator, "other-client")).get("/projects");
    expect(other.body.data).toEqual([{ id: 777, name: "Other Co Program", active: true }]);
  });

  it("lists the client's items, also to a read-only client", async () => {
    const emulator = await startTestEmulator();
    const reply = await (await callerFor(emulator, "readonly-client")).get("/items?pageSize=1");
    expect(reply.body.data).toEqual([{ name: "TEST ITEM", description: "Smoke-test item" }]);
    expect(reply.body.meta.nextCursor).toEqual(expect.any(String));
  });
});
