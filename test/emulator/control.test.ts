import { describe, expect, it } from "vitest";
import {
  callerFor,
  callerWithToken,
  control,
  createGuideSite,
  detailsByField,
  GUIDE_SITE,
  getToken,
  jsonInit,
  START_TIME,
  startTestEmulator,
  tokenRequest,
} from "./helpers.js";

const NEW_ASSET = {
  clientId: "demo-client",
  siteCode: "DEMO-STORE-100",
  id: 459,
  uniqueId: "S-100-3",
  friendlyLocation: "Stockroom",
  assetStatus: "Active",
  assetDisplay: "Scanner",
};

describe("/_emulator", () => {
  it("reports health and the environment", async () => {
    const emulator = await startTestEmulator({ environment: "sandbox" });
    const reply = await control(emulator, "/health");
    expect(reply).toMatchObject({ status: 200, body: { ok: true, environment: "sandbox" } });
    expect(reply.headers.get("x-request-id")).toMatch(/^req_/);
  });

  it("logs every API request, oldest first, without bodies, secrets or tokens", async () => {
    const emulator = await startTestEmulator();
    const token = await getToken(emulator);
    const api = callerWithToken(emulator, token);
    await api.post("/sites", GUIDE_SITE, { "idempotency-key": "key-1" });
    await api.get("/sites?siteCode=DEMO-STORE-100&pageSize=5");
    await tokenRequest(emulator, {
      grant_type: "client_credentials",
      client_id: "nobody",
      client_secret: "x",
    });
    const { status, body } = await control(emulator, "/requests");
    expect(status).toBe(200);
    const at = new Date(START_TIME).toISOString();
    expect(body.data).toEqual([
      {
        method: "POST",
        path: "/api/v1/oauth/token",
        query: {},
        clientId: "demo-client",
        status: 200,
        idempotencyKey: null,
        replayed: false,
        at,
      },
      {
        method: "POST",
        path: "/api/v1/sites",
        query: {},
        clientId: "demo-client",
        status: 201,
        idempotencyKey: "key-1",
        replayed: false,
        at,
      },
      {
        method: "GET",
        path: "/api/v1/sites",
        query: { siteCode: "DEMO-STORE-100", pageSize: "5" },
        clientId: "demo-client",
        status: 200,
        idempotencyKey: null,
        replayed: false,
        at,
      },
      {
        method: "POST",
        path: "/api/v1/oauth/token",
        query: {},
        clientId: null,
        status: 401,
        idempotencyKey: null,
        replayed: false,
        at,
      },
    ]);
    const text = JSON.stringify(body);
    expect(text).not.toContain("demo-secret");
    expect(text).not.toContain(token);

    expect((await control(emulator, "/requests", { method: "DELETE" })).status).toBe(204);
    expect((await control(emulator, "/requests")).body.data).toEqual([]);
  });

  it("resets to the seed: records, tokens, faults and the log are gone", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    await createGuideSite(api);
    await control(emulator, "/site-assets", jsonInit("POST", NEW_ASSET));
    await control(emulator, "/faults", jsonInit("POST", { rules: [{ path: "/api/v1/items", status: 503 }] }));

    expect((await control(emulator, "/reset", { method: "POST" })).body).toEqual({ ok: true });
    expect((await api.get("/sites")).status).toBe(401);
    expect((await control(emulator, "/requests")).body.data).toHaveLength(1);
    expect((await control(emulator, "/faults")).body.data).toEqual([]);
    const fresh = await callerFor(emulator);
    expect((await fresh.get("/sites")).body.data).toEqual([]);
    expect((await fresh.get("/items")).status).toBe(200);
    expect((await control(emulator, "/site-assets", jsonInit("POST", NEW_ASSET))).status).toBe(201);
  });

  it("lists no webhook deliveries yet", async () => {
    const emulator = await startTestEmulator();
    expect((await control(emulator, "/deliveries")).body).toEqual({ data: [] });
  });

  it("adds site assets at run time, with ids unique across the emulator", async () => {
    const emulator = await startTestEmulator();
    const added = await control(emulator, "/site-assets", jsonInit("POST", NEW_ASSET));
    expect(added).toMatchObject({ status: 201, body: { data: NEW_ASSET } });
    const duplicate = await control(emulator, "/site-assets", jsonInit("POST", { ...NEW_ASSET, id: 900 }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe("duplicate_asset_id");
    const unknownClient = await control(
      emulator,
      "/site-assets",
      jsonInit("POST", { ...NEW_ASSET, clientId: "x" }),
    );
    expect(unknownClient.status).toBe(404);
    const { uniqueId: _u, ...incomplete } = NEW_ASSET;
    const invalid = await control(emulator, "/site-assets", jsonInit("POST", { ...incomplete, id: -1 }));
    expect(invalid.status).toBe(422);
    expect(Object.keys(detailsByField(invalid)).sort()).toEqual(["id", "uniqueId"]);
  });

  it("changes the scopes a client may be granted; tokens already issued keep theirs", async () => {
    const emulator = await startTestEmulator();
    const before = await callerFor(emulator, "readonly-client");
    const scopes = { scopes: ["sites:read", "sites:write"] };
    const changed = await control(emulator, "/clients/readonly-client/scopes", jsonInit("PUT", scopes));
    expect(changed.body).toEqual({ data: { clientId: "readonly-client", ...scopes } });

    expect((await before.post("/sites", GUIDE_SITE)).status).toBe(403);
    expect((await before.get("/projects")).status).toBe(200);
    const after = await callerFor(emulator, "readonly-client");
    expect((await after.post("/sites", GUIDE_SITE)).status).toBe(201);
    expect((await after.get("/projects")).status).toBe(403);

    const invalid = await control(
      emulator,
      "/clients/readonly-client/scopes",
      jsonInit("PUT", { scopes: ["admin"] }),
    );
    expect(detailsByField(invalid)).toHaveProperty("scopes.0");
    const unknown = await control(emulator, "/clients/nobody/scopes", jsonInit("PUT", scopes));
    expect(unknown.status).toBe(404);
  });

  it("answers unknown control paths with 404 and wrong methods with 405", async () => {
    const emulator = await startTestEmulator();
    expect((await control(emulator, "/nothing")).status).toBe(404);
    const wrong = await control(emulator, "/reset");
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
  });
});
