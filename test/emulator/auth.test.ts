import { describe, expect, it } from "vitest";
import { SCOPES } from "../../src/contract/scopes.js";
import {
  callerFor,
  callerWithToken,
  GUIDE_SITE,
  getToken,
  request,
  startTestEmulator,
  tokenRequest,
} from "./helpers.js";

const CREDENTIALS = {
  grant_type: "client_credentials",
  client_id: "demo-client",
  client_secret: "demo-secret",
};

describe("POST /oauth/token", () => {
  it("issues an opaque bearer token with every allowed scope, as in the guide", async () => {
    const emulator = await startTestEmulator();
    const reply = await tokenRequest(emulator, CREDENTIALS);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      access_token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
      token_type: "Bearer",
      expires_in: 3600,
      scope: SCOPES.join(" "),
    });
    expect(reply.headers.get("cache-control")).toBe("no-store");
  });

  it("accepts HTTP Basic client authentication", async () => {
    const emulator = await startTestEmulator();
    const basic = Buffer.from("readonly-client:readonly-secret").toString("base64");
    const reply = await tokenRequest(
      emulator,
      { grant_type: "client_credentials" },
      { authorization: `Basic ${basic}` },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.scope).toBe("sites:read site-visits:read messages:read");
  });

  it("grants a requested subset of the allowed scopes, and the token carries only those", async () => {
    const emulator = await startTestEmulator();
    const reply = await tokenRequest(emulator, { ...CREDENTIALS, scope: "sites:read site-visits:read" });
    expect(reply.body.scope).toBe("sites:read site-visits:read");
    const api = callerWithToken(emulator, reply.body.access_token);
    expect((await api.get("/sites")).status).toBe(200);
    expect((await api.post("/sites", GUIDE_SITE)).status).toBe(403);
  });

  it("refuses unknown and not-allowed scopes with invalid_scope", async () => {
    const emulator = await startTestEmulator();
    const unknown = await tokenRequest(emulator, { ...CREDENTIALS, scope: "sites:read admin" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe("invalid_scope");
    const notAllowed = await tokenRequest(emulator, {
      grant_type: "client_credentials",
      client_id: "readonly-client",
      client_secret: "readonly-secret",
      scope: "sites:write",
    });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body).toEqual({
      error: "invalid_scope",
      error_description: expect.stringContaining("sites:write"),
    });
  });

  it("refuses a wrong secret or an unknown client with 401 invalid_client", async () => {
    const emulator = await startTestEmulator();
    for (const form of [
      { ...CREDENTIALS, client_secret: "wrong" },
      { ...CREDENTIALS, client_id: "nobody" },
    ]) {
      const reply = await tokenRequest(emulator, form);
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe("invalid_client");
      expect(reply.headers.get("www-authenticate")).toMatch(/^Basic /);
      expect(JSON.stringify(reply.body)).not.toContain("demo-secret");
    }
  });

  it("refuses another grant type with unsupported_grant_type", async () => {
    const emulator = await startTestEmulator();
    const reply = await tokenRequest(emulator, { ...CREDENTIALS, grant_type: "password" });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe("unsupported_grant_type");
  });

  it("refuses malformed requests with invalid_request", async () => {
    const emulator = await startTestEmulator();
    const { grant_type: _grant, ...withoutGrant } = CREDENTIALS;
    const { client_secret: _secret, ...withoutSecret } = CREDENTIALS;
    const basic = `Basic ${Buffer.from("demo-client:demo-secret").toString("base64")}`;
    const replies = [
      await tokenRequest(emulator, withoutGrant),
      await tokenRequest(emulator, withoutSecret),
      await tokenRequest(emulator, CREDENTIALS, { authorization: basic }),
      await request(`${emulator.baseUrl}/oauth/token`, {
        method: "POST",
        body: JSON.stringify(CREDENTIALS),
        headers: { "content-type": "application/json" },
      }),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ error: "invalid_request", error_description: expect.any(String) });
      expect(reply.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    }
  });

  it("answers other methods with 405 and Allow", async () => {
    const emulator = await startTestEmulator();
    const reply = await request(`${emulator.baseUrl}/oauth/token`);
    expect(reply.status).toBe(405);
    expect(reply.headers.get("allow")).toBe("POST");
    expect(reply.body.error.code).toBe("method_not_allowed");
  });
});

describe("bearer tokens", () => {
  const invalidToken = 'Bearer error="invalid_token"';

  it("refuses a request without a token: 401 unauthorized with WWW-Authenticate", async () => {
    const emulator = await startTestEmulator();
    const reply = await request(`${emulator.baseUrl}/sites`);
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toBe(invalidToken);
    expect(reply.body).toEqual({
      error: { code: "unauthorized", message: expect.any(String), details: [] },
      requestId: reply.headers.get("x-request-id"),
    });
  });

  it("refuses a made-up token", async () => {
    const emulator = await startTestEmulator();
    const reply = await callerWithToken(emulator, "not-a-real-token").get("/sites");
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toBe(invalidToken);
  });

  it("refuses a token once it has expired", async () => {
    const emulator = await startTestEmulator({ tokenTtlSeconds: 60 });
    const api = await callerFor(emulator);
    emulator.clock.now += 59_999;
    expect((await api.get("/sites")).status).toBe(200);
    emulator.clock.now += 1;
    const reply = await api.get("/sites");
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toBe(invalidToken);
  });

  it("refuses a token from another emulator (environment)", async () => {
    const sandbox = await startTestEmulator({ environment: "sandbox" });
    const production = await startTestEmulator({ environment: "production" });
    const sandboxToken = await getToken(sandbox);
    expect((await callerWithToken(sandbox, sandboxToken).get("/sites")).status).toBe(200);
    expect((await callerWithToken(production, sandboxToken).get("/sites")).status).toBe(401);
  });

  it("refuses a call without the needed scope: 403 insufficient_scope naming it", async () => {
    const emulator = await startTestEmulator();
    const readonly = await callerFor(emulator, "readonly-client");
    const reply = await readonly.post("/sites", GUIDE_SITE);
    expect(reply.status).toBe(403);
    expect(reply.headers.get("www-authenticate")).toBe(
      'Bearer error="insufficient_scope", scope="sites:write"',
    );
    expect(reply.body.error.code).toBe("insufficient_scope");
    expect(reply.body.error.message).toContain("sites:write");
  });

  it("requires site-visits:read for projects and items", async () => {
    const emulator = await startTestEmulator();
    const sitesOnly = await callerFor(emulator, "demo-client", "sites:read");
    for (const path of ["/projects", "/items"]) {
      const reply = await sitesOnly.get(path);
      expect(reply.status).toBe(403);
      expect(reply.headers.get("www-authenticate")).toContain('scope="site-visits:read"');
    }
  });
});
