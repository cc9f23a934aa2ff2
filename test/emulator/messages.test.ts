import { describe, expect, it } from "vitest";
import { Message } from "../../src/contract/schemas.js";
import {
  callerFor,
  createGuideSite,
  createGuideVisit,
  detailsByField,
  GUIDE_VISIT,
  guideMessage,
  START_TIME,
  siteWithCode,
  startTestEmulator,
} from "./helpers.js";

describe("messages", () => {
  it("creates the guide's message with the values the API sets itself", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const reply = await api.post("/messages", guideMessage(visit.id));
    expect(reply.status).toBe(201);
    expect(reply.headers.get("etag")).toBe('"1"');
    const now = new Date(START_TIME).toISOString();
    expect(reply.body.data).toEqual({
      ...guideMessage(visit.id),
      id: expect.stringMatching(/^msg_[0-9a-f]{32}$/),
      method: "Email",
      occurredAt: now,
      ssnPm: true,
      attachments: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    expect(Message.safeParse(reply.body.data).success).toBe(true);
    expect((await api.get(`/messages/${reply.body.data.id}`)).body).toEqual({ data: reply.body.data });
    const listed = await api.get(`/messages?siteVisitId=${visit.id}`);
    expect(listed.body).toEqual({ data: [reply.body.data], meta: { pageSize: 25, nextCursor: null } });
  });

  it("defaults buyer and clientContacts to false", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const reply = await api.post("/messages", {
      siteVisitId: visit.id,
      messageThread: "Technician on the way.",
    });
    expect(reply.body.data).toMatchObject({ buyer: false, clientContacts: false, type: null, status: null });
  });

  it("refuses method, occurredAt and ssnPm with 422 naming each", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const reply = await api.post("/messages", {
      ...guideMessage(visit.id),
      method: "Phone",
      occurredAt: "2026-04-03T16:19:30Z",
      ssnPm: false,
    });
    expect(reply.status).toBe(422);
    const details = detailsByField(reply);
    expect(Object.keys(details).sort()).toEqual(["method", "occurredAt", "ssnPm"]);
    expect(details.method).toContain("set by the API");
  });

  it("refuses an unknown or another client's visit with 404", async () => {
    const emulator = await startTestEmulator();
    const other = await callerFor(emulator, "other-client");
    await createGuideSite(other, siteWithCode("OTHER-1"));
    const otherVisit = await other.post("/site-visits", {
      ...GUIDE_VISIT,
      clientSiteId: "OTHER-1",
      projectId: 777,
      itemName: "OTHER ITEM",
    });
    const demo = await callerFor(emulator);
    for (const siteVisitId of [otherVisit.body.data.id, `visit_${"0".repeat(32)}`]) {
      const reply = await demo.post("/messages", guideMessage(siteVisitId));
      expect(reply.status).toBe(404);
      expect(detailsByField(reply)).toHaveProperty("siteVisitId");
    }
  });

  it("hides another client's message", async () => {
    const emulator = await startTestEmulator();
    const demo = await callerFor(emulator);
    const visit = await createGuideVisit(demo);
    const message = (await demo.post("/messages", guideMessage(visit.id))).body.data;
    const other = await callerFor(emulator, "other-client");
    expect((await other.get(`/messages/${message.id}`)).status).toBe(404);
    expect((await other.get(`/messages?siteVisitId=${visit.id}`)).body.data).toEqual([]);
  });

  it("patches a message as a new version", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const visit = await createGuideVisit(api);
    const message = (await api.post("/messages", guideMessage(visit.id))).body.data;
    const path = `/messages/${message.id}`;
    const patched = await api.patch(
      path,
      { status: "Closed", urgency: "High", buyer: false },
      { "if-match": '"1"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ status: "Closed", urgency: "High", buyer: false, version: 2 });
    expect((await api.patch(path, { status: "Open" }, { "if-match": '"1"' })).body.error.code).toBe(
      "version_conflict",
    );
    const refused = await api.patch(path, { siteVisitId: visit.id, ssnPm: false, type: "Other" });
    expect(refused.status).toBe(422);
    expect(Object.keys(detailsByField(refused)).sort()).toEqual(["siteVisitId", "ssnPm", "type"]);
  });

  it("requires siteVisitId to list messages", async () => {
    const emulator = await startTestEmulator();
    const reply = await (await callerFor(emulator)).get("/messages");
    expect(reply.status).toBe(422);
    expect(detailsByField(reply)).toEqual({ siteVisitId: "is required" });
  });

  it("needs messages:write to create", async () => {
    const emulator = await startTestEmulator();
    const reply = await (await callerFor(emulator, "readonly-client")).post(
      "/messages",
      guideMessage("visit_x"),
    );
    expect(reply.status).toBe(403);
    expect(reply.headers.get("www-authenticate")).toContain('scope="messages:write"');
  });
});
