import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialEnv, DEMO, startTestEmulator, type TestEmulator } from "../e2e/harness.js";
import {
  connectHttp,
  type HttpServerProcess,
  INITIALIZE,
  MCP_HEADERS,
  startHttpServer,
  until,
} from "./harness.js";

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { ...MCP_HEADERS, ...headers }, body: JSON.stringify(body) });

const TOOLS_LIST = { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} };

let emulator: TestEmulator;
let withSessions: HttpServerProcess;
let stateless: HttpServerProcess;
/** Sessions idle for a second are closed; bodies over 4 KiB are refused. */
let tight: HttpServerProcess;

beforeAll(async () => {
  emulator = await startTestEmulator({ log: () => {} });
  const env = credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret);
  [withSessions, stateless, tight] = await Promise.all([
    startHttpServer(env),
    startHttpServer(env, ["--stateless"]),
    startHttpServer(
      { ...env, SSN_MCP_SESSION_IDLE_SECONDS: "1", SSN_MCP_MAX_BODY_BYTES: "4096", SSN_LOG_LEVEL: "debug" },
      [],
    ),
  ]);
});
afterAll(async () => {
  await Promise.all([withSessions, stateless, tight].map((server) => server?.stop()));
  await emulator?.close();
});

describe("sessions (the default)", () => {
  it("answers an unknown session with 404, so the client initializes again", async () => {
    const response = await post(withSessions.url, TOOLS_LIST, { "mcp-session-id": "no-such-session" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: -32001 } });
  });

  it("answers a request other than initialize without a session with 400", async () => {
    expect((await post(withSessions.url, TOOLS_LIST)).status).toBe(400);
    expect((await fetch(withSessions.url, { headers: { accept: "text/event-stream" } })).status).toBe(400);
  });

  it("opens a session on initialize, streams with no-cache and no proxy buffering, and ends it on DELETE", async () => {
    const response = await post(withSessions.url, INITIALIZE);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("cache-control")).toContain("no-cache");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    const sessionId = response.headers.get("mcp-session-id") ?? "";
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await response.body?.cancel();

    const headers = { "mcp-session-id": sessionId, "mcp-protocol-version": "2025-06-18" };
    expect((await fetch(withSessions.url, { method: "DELETE", headers })).status).toBe(200);
    expect((await post(withSessions.url, TOOLS_LIST, headers)).status).toBe(404);
  });

  it.each(["v2", "v1"] as const)("lets the %s client end its session and connect again", async (kind) => {
    const first = await connectHttp(withSessions.url, kind);
    const ended = first.sessionId();
    await first.terminateSession();
    await first.close();
    const again = await connectHttp(withSessions.url, kind);
    try {
      expect(again.sessionId()).not.toBe(ended);
      expect((await again.client.listTools()).tools.length).toBeGreaterThan(5);
    } finally {
      await again.close();
    }
  });

  it("closes a session left idle; its next request gets 404 and a reconnected client carries on", async () => {
    const first = await connectHttp(tight.url, "v2");
    const sessionId = first.sessionId();
    await first.client.callTool({ name: "ssn_status", arguments: {} });
    await first.close(); // without DELETE, as a crashed client would
    await tight.waitForLine(`closing session ${sessionId}: idle`);
    const stale = await post(tight.url, TOOLS_LIST, {
      "mcp-session-id": sessionId ?? "",
      "mcp-protocol-version": "2025-06-18",
    });
    expect(stale.status).toBe(404);

    const again = await connectHttp(tight.url, "v2");
    try {
      expect((await again.client.callTool({ name: "ssn_status", arguments: {} })) as object).toMatchObject({
        isError: false,
      });
    } finally {
      await again.close();
    }
  });
});

describe("the body limit (16 MiB by default)", () => {
  it("refuses a body over the limit (4 KiB here) with 413 before parsing it", async () => {
    const padding = "x".repeat(5000);
    const response = await post(tight.url, { ...INITIALIZE, params: { ...INITIALIZE.params, padding } });
    expect(response.status).toBe(413);
    expect((await post(tight.url, INITIALIZE)).status).toBe(200);
  });

  it.each([
    ["a session", () => withSessions, "v2"],
    ["--stateless", () => stateless, "v2"],
    ["a 2026-07-28 client", () => withSessions, "v2-modern"],
  ] as const)(
    "lets a body past the SDK's 4 MiB default through to the tools, with %s",
    async (_what, server, kind) => {
      const connection = await connectHttp(server().url, kind);
      try {
        const padding = "x".repeat(6 * 1024 * 1024);
        const result = (await connection.client.callTool({ name: "ssn_status", arguments: { padding } })) as {
          isError: boolean;
          content: { text: string }[];
        };
        // Answered by the tool (an unknown field), not refused by the HTTP layer: room for files as base64.
        expect(result.isError).toBe(true);
        expect(result.content[0]?.text).toContain("padding");
      } finally {
        await connection.close();
      }
    },
  );
});

describe("--stateless", () => {
  it.each(["GET", "DELETE"])("answers %s with 405 and Allow: POST", async (method) => {
    const response = await fetch(stateless.url, { method, headers: { accept: "text/event-stream" } });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("gives no session id and needs none", async () => {
    const response = await post(stateless.url, INITIALIZE);
    expect(response.status).toBe(200);
    expect(response.headers.get("mcp-session-id")).toBeNull();
    await response.body?.cancel();
    const listed = await post(stateless.url, TOOLS_LIST, { "mcp-protocol-version": "2025-06-18" });
    expect(listed.status).toBe(200);
    expect(await listed.text()).toContain("create_site_visit");
  });
});

describe("DNS rebinding, CORS, health", () => {
  it("refuses a foreign Host with 403 before anything else", async () => {
    // fetch() will not send a Host of our choosing; node:http will.
    const { request } = await import("node:http");
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(withSessions.url, {
        method: "POST",
        headers: { ...MCP_HEADERS, host: "evil.example" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
      req.end(JSON.stringify(INITIALIZE));
    });
    expect(status).toBe(403);
  });

  it("refuses a foreign Origin with 403, and lets an allowed browser origin read the session header", async () => {
    expect((await post(withSessions.url, INITIALIZE, { origin: "https://evil.example" })).status).toBe(403);

    const origin = "http://localhost:5173";
    const preflight = await fetch(withSessions.url, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, mcp-session-id",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("mcp-session-id");

    const response = await post(withSessions.url, INITIALIZE, { origin });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("access-control-expose-headers")).toContain("Mcp-Session-Id");
    await response.body?.cancel();
  });

  it("reports live and ready; not ready while the SSN credential fails", async () => {
    expect((await fetch(`${withSessions.origin}/healthz`)).status).toBe(200);
    await until(async () => (await fetch(`${withSessions.origin}/readyz`)).status === 200);

    const wrong = await startHttpServer(credentialEnv(emulator, DEMO.clientId, "not-the-secret"));
    try {
      expect((await fetch(`${wrong.origin}/healthz`)).status).toBe(200);
      const ready = await fetch(`${wrong.origin}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: "not ready" });
    } finally {
      await wrong.stop();
    }
  });

  it("answers other paths with 404", async () => {
    expect((await fetch(`${withSessions.origin}/admin`)).status).toBe(404);
  });
});
