import { describe, expect, it } from "vitest";
import {
  callerFor,
  control,
  detailsByField,
  GUIDE_SITE,
  jsonInit,
  request,
  startTestEmulator,
  tokenRequest,
  waitForLog,
} from "./helpers.js";

type Emulator = Awaited<ReturnType<typeof startTestEmulator>>;

function addFaults(emulator: Emulator, ...rules: object[]) {
  return control(emulator, "/faults", jsonInit("POST", { rules }));
}

describe("fault rules", () => {
  it("answers 429 rate_limited with Retry-After instead of handling, then lets requests through", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await addFaults(emulator, { method: "POST", path: "/api/v1/sites", status: 429, retryAfter: 2 });
    const limited = await api.post("/sites", GUIDE_SITE);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.body).toEqual({
      error: { code: "rate_limited", message: expect.any(String), details: [] },
      requestId: limited.headers.get("x-request-id"),
    });
    expect((await api.get("/sites")).body.data).toEqual([]);
    expect((await api.post("/sites", GUIDE_SITE)).status).toBe(201);
  });

  it("applies a rule `times` times, only to its method and path prefix", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await addFaults(emulator, { method: "GET", path: "/api/v1/site", status: 503, times: 2 });
    expect((await control(emulator, "/faults")).body.data).toMatchObject([
      { status: 503, times: 2, remaining: 2 },
    ]);
    expect((await api.post("/sites", GUIDE_SITE)).status).toBe(201);
    const first = await api.get("/site-visits");
    expect(first.status).toBe(503);
    expect(first.body.error.code).toBe("internal");
    expect((await api.get("/sites")).status).toBe(503);
    expect((await api.get("/sites")).status).toBe(200);
    expect((await control(emulator, "/faults")).body.data).toEqual([]);
  });

  it("applies to the token endpoint too", async () => {
    const emulator = await startTestEmulator();
    await addFaults(emulator, { path: "/api/v1/oauth/token", status: 503 });
    const form = { grant_type: "client_credentials", client_id: "demo-client", client_secret: "demo-secret" };
    expect((await tokenRequest(emulator, form)).status).toBe(503);
    expect((await tokenRequest(emulator, form)).status).toBe(200);
  });

  it("sends WWW-Authenticate with an injected 401, so clients refresh their token", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await addFaults(emulator, { path: "/api/v1/sites", status: 401 });
    const reply = await api.get("/sites");
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("unauthorized");
    expect(reply.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
  });

  it("drops the connection without handling the request", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await addFaults(emulator, { method: "POST", path: "/api/v1/sites", drop: true });
    await expect(api.post("/sites", GUIDE_SITE)).rejects.toThrow();
    expect((await api.get("/sites")).body.data).toEqual([]);
    const log = await waitForLog(emulator, () => true);
    const dropped = log.find((entry) => entry.method === "POST" && entry.path === "/api/v1/sites");
    expect(dropped).toMatchObject({ status: null });
  });

  it("with afterCommit, handles the request and then loses the answer", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await addFaults(
      emulator,
      { method: "POST", path: "/api/v1/sites", drop: true, afterCommit: true },
      { method: "PATCH", path: "/api/v1/sites", status: 500, afterCommit: true },
    );
    await expect(api.post("/sites", GUIDE_SITE)).rejects.toThrow();
    const [site] = (await api.get("/sites")).body.data;
    expect(site).toMatchObject({ siteCode: "DEMO-STORE-100", version: 1 });
    expect((await api.patch(`/sites/${site.id}`, { city: "Tempe" })).status).toBe(500);
    expect((await api.get(`/sites/${site.id}`)).body.data).toMatchObject({ city: "Tempe", version: 2 });
  });

  it("holds a request for delayMs, and DELETE /_emulator/faults releases it", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await addFaults(
      emulator,
      { path: "/api/v1/sites", delayMs: 5 },
      { path: "/api/v1/projects", delayMs: 600_000 },
    );
    const started = performance.now();
    expect((await api.get("/sites")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(4);

    const held = api.get("/projects");
    const log = await waitForLog(emulator, (entries) =>
      entries.some((entry) => entry.path === "/api/v1/projects"),
    );
    expect(log.find((entry) => entry.path === "/api/v1/projects").status).toBeNull();
    await control(emulator, "/faults", { method: "DELETE" });
    expect((await held).status).toBe(200);
  });

  it("validates rules strictly, naming the bad field", async () => {
    const emulator = await startTestEmulator();
    const cases: [object, string][] = [
      [{ path: "/sites", status: 503 }, "rules.0.path"],
      [{ path: "/api/v1/sites" }, "rules.0.status"],
      [{ path: "/api/v1/sites", status: 503, drop: true }, "rules.0.drop"],
      [{ path: "/api/v1/sites", delayMs: 10, afterCommit: true }, "rules.0.afterCommit"],
      [{ path: "/api/v1/sites", status: 200 }, "rules.0.status"],
      [{ path: "/api/v1/sites", status: 503, times: 0 }, "rules.0.times"],
      [{ path: "/api/v1/sites", status: 503, method: "post" }, "rules.0.method"],
      [{ path: "/api/v1/sites", status: 503, colour: "red" }, "rules.0.colour"],
    ];
    for (const [rule, field] of cases) {
      const reply = await addFaults(emulator, rule);
      expect(reply.status, field).toBe(422);
      expect(detailsByField(reply), field).toHaveProperty([field]);
    }
    const empty = await control(emulator, "/faults", jsonInit("POST", { rules: [] }));
    expect(detailsByField(empty)).toHaveProperty("rules");
    expect((await control(emulator, "/faults")).body.data).toEqual([]);
  });

  it("does not apply to requests that fail authentication", async () => {
    const emulator = await startTestEmulator();
    await addFaults(emulator, { path: "/api/v1/sites", status: 503 });
    expect((await request(`${emulator.baseUrl}/sites`)).status).toBe(401);
    expect((await (await callerFor(emulator)).get("/sites")).status).toBe(503);
  });
});
