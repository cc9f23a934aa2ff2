import { describe, expect, it } from "vitest";
import {
  callerFor,
  control,
  createGuideSite,
  createGuideVisit,
  detailsByField,
  GUIDE_SITE,
  GUIDE_VISIT_WITH_ASSETS,
  guideMessage,
  jsonInit,
  startTestEmulator,
  waitForLog,
} from "./helpers.js";

const KEY = { "idempotency-key": "6d0c49d5-0a35-4c28-93e5-0ef6c8b04cd3" };

describe("Idempotency-Key", () => {
  it("replays the first answer for the same key and body, creating nothing new", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const first = await api.post("/sites", GUIDE_SITE, KEY);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const { country, ...rest } = GUIDE_SITE;
    const again = await api.post("/sites", { country, ...rest }, KEY);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("etag")).toBe('"1"');
    expect((await api.get("/sites")).body.data).toHaveLength(1);
    const log = (await control(emulator, "/requests")).body.data.filter(
      (entry: { path: string; method: string }) => entry.method === "POST" && entry.path === "/api/v1/sites",
    );
    expect(log.map((entry: { replayed: boolean }) => entry.replayed)).toEqual([false, true]);
  });

  it("refuses the same key with another body or path: 422 idempotency_key_reused", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await api.post("/sites", GUIDE_SITE, KEY);
    const otherBody = await api.post("/sites", { ...GUIDE_SITE, name: "Changed" }, KEY);
    expect(otherBody.status).toBe(422);
    expect(otherBody.body.error.code).toBe("idempotency_key_reused");
    const otherPath = await api.post("/messages", guideMessage("visit_x"), KEY);
    expect(otherPath.body.error.code).toBe("idempotency_key_reused");
  });

  it("keeps keys per client", async () => {
    const emulator = await startTestEmulator();
    await (await callerFor(emulator)).post("/sites", GUIDE_SITE, KEY);
    const other = await (await callerFor(emulator, "other-client")).post("/sites", GUIDE_SITE, KEY);
    expect(other.status).toBe(201);
    expect(other.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers 409 idempotency_in_progress while the first request is still running", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const hold = { rules: [{ method: "POST", path: "/api/v1/sites", delayMs: 60_000 }] };
    expect((await control(emulator, "/faults", jsonInit("POST", hold))).status).toBe(200);
    const first = api.post("/sites", GUIDE_SITE, KEY);
    await waitForLog(emulator, (entries) => entries.some((entry) => entry.path === "/api/v1/sites"));

    const during = await api.post("/sites", GUIDE_SITE, KEY);
    expect(during.status).toBe(409);
    expect(during.body.error.code).toBe("idempotency_in_progress");

    expect((await control(emulator, "/faults", { method: "DELETE" })).status).toBe(204);
    expect((await first).status).toBe(201);
    const after = await api.post("/sites", GUIDE_SITE, KEY);
    expect(after.headers.get("idempotent-replayed")).toBe("true");
  });

  it("replays final 4xx answers too", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await api.post("/sites", GUIDE_SITE);
    const first = await api.post("/sites", GUIDE_SITE, KEY);
    expect(first.status).toBe(409);
    const again = await api.post("/sites", GUIDE_SITE, KEY);
    expect(again.status).toBe(409);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
  });

  it("does not keep an injected failure, so a retry with the same key runs again", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await control(emulator, "/faults", jsonInit("POST", { rules: [{ path: "/api/v1/sites", status: 503 }] }));
    expect((await api.post("/sites", GUIDE_SITE, KEY)).status).toBe(503);
    const retry = await api.post("/sites", GUIDE_SITE, KEY);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
  });

  it("replays the committed answer after the answer was lost on the way (afterCommit)", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    const rule = {
      method: "POST",
      path: "/api/v1/site-visits",
      status: 503,
      retryAfter: 1,
      afterCommit: true,
    };
    await control(emulator, "/faults", jsonInit("POST", { rules: [rule] }));
    const visitKey = { "idempotency-key": "0f7d1a6e-9642-41ba-aed5-77aa357c1ca6" };
    const lost = await api.post("/site-visits", GUIDE_VISIT_WITH_ASSETS, visitKey);
    expect(lost.status).toBe(503);
    expect(lost.headers.get("retry-after")).toBe("1");
    const retry = await api.post("/site-visits", GUIDE_VISIT_WITH_ASSETS, visitKey);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await api.get("/site-visits")).body.data).toEqual([retry.body.data]);
  });

  it("forgets a key after 24 hours", async () => {
    const emulator = await startTestEmulator();
    const visit = await createGuideVisit(await callerFor(emulator));
    const first = await (await callerFor(emulator)).post("/messages", guideMessage(visit.id), KEY);
    emulator.clock.now += 24 * 60 * 60 * 1000 - 1;
    const replay = await (await callerFor(emulator)).post("/messages", guideMessage(visit.id), KEY);
    expect(replay.body).toEqual(first.body);
    emulator.clock.now += 1;
    const later = await (await callerFor(emulator)).post("/messages", guideMessage(visit.id), KEY);
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(later.body.data.id).not.toBe(first.body.data.id);
  });

  it("refuses a malformed key with 422 naming the header", async () => {
    const emulator = await startTestEmulator();
    const reply = await (await callerFor(emulator)).post("/sites", GUIDE_SITE, {
      "idempotency-key": "x".repeat(256),
    });
    expect(reply.status).toBe(422);
    expect(detailsByField(reply)).toHaveProperty("Idempotency-Key");
  });
});
