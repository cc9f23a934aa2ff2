import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { type CryptoKey, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { walkGuidePath } from "../../src/demo/walkthrough.js";
import { credentialEnv, DEMO, startTestEmulator, type TestEmulator } from "../e2e/harness.js";
import {
  connectHttp,
  freePort,
  type HttpServerProcess,
  INITIALIZE,
  MCP_HEADERS,
  startHttpServer,
  startRefused,
} from "./harness.js";

const initialize = (url: string, authorization?: string) =>
  fetch(url, {
    method: "POST",
    headers: { ...MCP_HEADERS, ...(authorization && { authorization }) },
    body: JSON.stringify(INITIALIZE),
  });

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ log: () => {} });
});
afterAll(async () => {
  await emulator?.close();
});

describe("a static bearer token (SSN_MCP_HTTP_TOKEN)", () => {
  const token = randomBytes(32).toString("hex");
  let server: HttpServerProcess;
  beforeAll(async () => {
    server = await startHttpServer(
      credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret, {
        SSN_MCP_HTTP_TOKEN: token,
        SSN_LOG_LEVEL: "debug",
      }),
    );
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is required: none or a wrong one gets 401 with a Bearer challenge", async () => {
    for (const authorization of [undefined, `Bearer ${"0".repeat(64)}`, `Basic ${token}`]) {
      const response = await initialize(server.url, authorization);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
    }
  });

  it.each(["v2", "v2-modern", "v1"] as const)("lets the %s client with it do the job", async (kind) => {
    const connection = await connectHttp(server.url, kind, token);
    try {
      expect((await connection.client.listTools()).tools.length).toBeGreaterThan(5);
    } finally {
      await connection.close();
    }
  });

  it("never prints the token or the SSN secret", async () => {
    await emulator.control("POST", "/reset");
    const connection = await connectHttp(server.url, "v2", token);
    await walkGuidePath(connection.client, () => {});
    await connection.close();
    expect(server.stderr()).not.toContain(token);
    expect(server.stderr()).not.toContain(DEMO.clientSecret);
  });
});

describe("binding beyond loopback", () => {
  it("refuses to start without a token or OAuth, in one line", async () => {
    const { code, stderr } = await startRefused(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret), [
      "--host",
      "0.0.0.0",
    ]);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toContain("refusing to listen on 0.0.0.0 without authentication");
  });
});

describe("OAuth resource server (SSN_MCP_OAUTH_*)", () => {
  const scope = "ssn-mcp";
  let issuerServer: Server;
  let issuer: string;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  let server: HttpServerProcess;
  let audience: string;

  const sign = (claims: JWTPayload, key = signingKey, expiresIn = "5m") =>
    new SignJWT({ iss: issuer, aud: audience, sub: "dispatch-agent", scope, ...claims })
      .setProtectedHeader({ alg: "ES256", kid: "test-key" })
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair("ES256");
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair("ES256")).privateKey;
    const jwks = {
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: "test-key", alg: "ES256", use: "sig" }],
    };
    issuerServer = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => issuerServer.listen(0, "127.0.0.1", resolve));
    issuer = `http://127.0.0.1:${(issuerServer.address() as { port: number }).port}`;
    // The audience is this server's public URL, so it is known before the start.
    const port = await freePort();
    audience = `http://127.0.0.1:${port}/mcp`;
    server = await startHttpServer(
      credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret, {
        SSN_MCP_OAUTH_ISSUER: issuer,
        SSN_MCP_OAUTH_JWKS_URL: `${issuer}/jwks.json`,
        SSN_MCP_OAUTH_AUDIENCE: audience,
        SSN_MCP_OAUTH_SCOPE: scope,
      }),
      ["--port", String(port)],
    );
  });
  afterAll(async () => {
    await server?.stop();
    await new Promise((resolve) => issuerServer?.close(resolve));
  });

  it("serves its protected-resource metadata at the path-aware well-known URL", async () => {
    const response = await fetch(`${server.origin}/.well-known/oauth-protected-resource/mcp`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      resource: audience,
      authorization_servers: [issuer],
      scopes_supported: [scope],
    });
  });

  it("lets a client with a good token do the job", async () => {
    await emulator.control("POST", "/reset");
    const connection = await connectHttp(server.url, "v2", await sign({}));
    try {
      await walkGuidePath(connection.client, () => {});
    } finally {
      await connection.close();
    }
  });

  it.each([
    ["no token", async () => undefined],
    ["an expired token", () => sign({}, signingKey, "-1m")],
    ["a token for another audience", () => sign({ aud: "https://other.example/mcp" })],
    ["a token signed by another key", () => sign({}, strangerKey)],
  ])("answers %s with 401 pointing at the resource metadata", async (_what, token) => {
    const bearer = await token();
    const response = await initialize(server.url, bearer && `Bearer ${bearer}`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain(
      `resource_metadata="${server.origin}/.well-known/oauth-protected-resource/mcp"`,
    );
  });

  it("answers a token without the required scope with 403 insufficient_scope", async () => {
    const response = await initialize(server.url, `Bearer ${await sign({ scope: "something-else" })}`);
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  it("keeps a session to the caller that opened it", async () => {
    const owner = await initialize(server.url, `Bearer ${await sign({})}`);
    const sessionId = owner.headers.get("mcp-session-id") ?? "";
    await owner.body?.cancel();
    const intruder = await fetch(server.url, {
      method: "POST",
      headers: {
        ...MCP_HEADERS,
        authorization: `Bearer ${await sign({ sub: "someone-else" })}`,
        "mcp-session-id": sessionId,
        "mcp-protocol-version": "2025-06-18",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list", params: {} }),
    });
    expect(intruder.status).toBe(404);
  });
});
