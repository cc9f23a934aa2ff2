import { describe, expect, it } from "vitest";
import {
  callerFor,
  control,
  GUIDE_SITE,
  getToken,
  type Reply,
  request,
  startTestEmulator,
  tokenRequest,
} from "./helpers.js";

const REQUEST_ID = /^req_[0-9a-f]{32}$/;

describe("HTTP behaviour", () => {
  it("puts an X-Request-Id on every answer, repeated in error bodies", async () => {
    const emulator = await startTestEmulator();
    const token = await getToken(emulator);
    const auth = { authorization: `Bearer ${token}` };
    const replies: Reply[] = [
      await request(`${emulator.baseUrl}/sites`, { headers: auth }),
      await request(`${emulator.baseUrl}/sites`),
      await request(`${emulator.baseUrl}/nothing`, { headers: auth }),
      await request(`${emulator.baseUrl.replace("/api/v1", "")}/elsewhere`),
      await tokenRequest(emulator, { grant_type: "client_credentials" }),
      await control(emulator, "/health"),
    ];
    const ids = replies.map((reply) => reply.headers.get("x-request-id"));
    for (const id of ids) expect(id).toMatch(REQUEST_ID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const reply of replies.filter((r) => r.status >= 400 && r.body.requestId !== undefined)) {
      expect(reply.body.requestId).toBe(reply.headers.get("x-request-id"));
    }
  });

  it("answers unknown routes with 404 not_found and wrong methods with 405 and Allow", async () => {
    const emulator = await startTestEmulator();
    const api = await callerFor(emulator);
    const unknown = await api.get("/tickets");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
    const wrongMethod = await request(`${emulator.baseUrl}/sites`, { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, POST");
    expect(wrongMethod.body.error.code).toBe("method_not_allowed");
  });

  it("answers a request target that is no valid path with 400 and keeps serving", async () => {
    const emulator = await startTestEmulator();
    const origin = emulator.baseUrl.replace("/api/v1", "");
    const reply = await request(`${origin}//x:y`);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("bad_request");
    expect((await control(emulator, "/health")).status).toBe(200);
  });

  it("refuses malformed JSON, a wrong content type and an oversized body with 400 bad_request", async () => {
    const emulator = await startTestEmulator();
    const token = await getToken(emulator);
    const post = (body: string, contentType: string) =>
      request(`${emulator.baseUrl}/sites`, {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${token}`, "content-type": contentType },
      });
    const malformed = await post("{not json", "application/json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("bad_request");
    const wrongType = await post(JSON.stringify(GUIDE_SITE), "text/plain");
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toContain("application/json");
    const oversized = await post(
      JSON.stringify({ ...GUIDE_SITE, name: "x".repeat(1024 * 1024) }),
      "application/json",
    );
    expect(oversized.status).toBe(400);
    expect(oversized.body.error.message).toContain("1 MiB");
    expect((await post(JSON.stringify(GUIDE_SITE), "application/json; charset=utf-8")).status).toBe(201);
  });

  it("refuses a body that is not a JSON object with 422", async () => {
    const emulator = await startTestEmulator();
    const reply = await (await callerFor(emulator)).post("/sites", [GUIDE_SITE]);
    expect(reply.status).toBe(422);
    expect(reply.body.error.details).toEqual([{ field: "body", issue: "must be an object, not an array" }]);
  });

  it("runs independent emulators side by side", async () => {
    const first = await startTestEmulator();
    const second = await startTestEmulator();
    await (await callerFor(first)).post("/sites", GUIDE_SITE);
    expect((await (await callerFor(second)).get("/sites")).body.data).toEqual([]);
    expect((await (await callerFor(first)).get("/sites")).body.data).toHaveLength(1);
  });

  it("serves a custom seed with existing sites", async () => {
    const emulator = await startTestEmulator({
      seed: {
        environment: "sandbox",
        tokenTtlSeconds: 120,
        clients: [
          {
            clientId: "acme",
            clientSecret: "acme-secret",
            scopes: ["sites:read"],
            sites: [GUIDE_SITE],
          },
        ],
      },
    });
    expect((await control(emulator, "/health")).body.environment).toBe("sandbox");
    const token = await tokenRequest(emulator, {
      grant_type: "client_credentials",
      client_id: "acme",
      client_secret: "acme-secret",
    });
    expect(token.body).toMatchObject({ expires_in: 120, scope: "sites:read" });
    const sites = await request(`${emulator.baseUrl}/sites`, {
      headers: { authorization: `Bearer ${token.body.access_token}` },
    });
    expect(sites.body.data).toMatchObject([{ siteCode: "DEMO-STORE-100", version: 1 }]);
  });
});
