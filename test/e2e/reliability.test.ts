import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS } from "../../src/demo/guide-payloads.js";
import {
  type ConnectedServer,
  connectServer,
  credentialEnv,
  DEMO,
  type RequestLogEntry,
  startTestEmulator,
  type TestEmulator,
  type ToolResult,
} from "./harness.js";

const HOUR_MS = 3_600_000;

describe("faults: nothing lost, nothing duplicated, every call answered", () => {
  let emulator: TestEmulator;
  let server: ConnectedServer;
  let clock = Date.now();
  /** Request-log lines from the emulator ("METHOD path status"), to see dropped connections. */
  let emulatorLines: string[] = [];
  let onLine: (line: string) => void = () => {};

  const call = async (name: string, args: Record<string, unknown>) =>
    (await server.client.callTool({ name, arguments: args })) as ToolResult;
  const faults = (...rules: Record<string, unknown>[]) => emulator.control("POST", "/faults", { rules });
  const requestsTo = async (method: string, suffix: string): Promise<RequestLogEntry[]> =>
    (await emulator.requests()).filter((r) => r.method === method && r.path.endsWith(suffix));

  beforeEach(async () => {
    clock = Date.now();
    emulatorLines = [];
    emulator = await startTestEmulator({
      now: () => clock,
      log: (line) => {
        emulatorLines.push(line);
        onLine(line);
      },
    });
    server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret));
    expect((await call("create_site", GUIDE_SITE)).isError).toBe(false);
    await emulator.control("DELETE", "/requests");
  });
  afterEach(async () => {
    await server.close();
    await emulator.close();
  });

  it("a 503 is retried with the same Idempotency-Key", async () => {
    await faults({ method: "POST", path: "/api/v1/site-visits", status: 503, times: 1 });
    const result = await call("create_site_visit", GUIDE_VISIT_WITH_ASSETS);
    expect(result.isError).toBe(false);
    const posts = await requestsTo("POST", "/site-visits");
    expect(posts.map((p) => p.status)).toEqual([503, 201]);
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
  });

  it("a 429 is retried after its Retry-After", async () => {
    await faults({ method: "GET", path: "/api/v1/projects", status: 429, retryAfter: 1, times: 1 });
    const result = await call("list_projects", {});
    expect(result.isError).toBe(false);
    expect((await requestsTo("GET", "/projects")).map((r) => r.status)).toEqual([429, 200]);
  });

  it.each([
    ["404", { projectId: 999 }],
    ["409", { siteAssetIds: [458] }],
    ["422", { dueDate: "2026-01-01T00:00:00Z" }],
  ])("a %s is never retried", async (_status, change) => {
    const result = await call("create_site_visit", { ...GUIDE_VISIT_WITH_ASSETS, ...change });
    expect(result.isError).toBe(true);
    expect(await requestsTo("POST", "/site-visits")).toHaveLength(1);
  });

  it("an answer lost after commit is retried with the same key and replayed: one visit", async () => {
    await faults({ method: "POST", path: "/api/v1/site-visits", afterCommit: true, drop: true, times: 1 });
    const first = await call("create_site_visit", GUIDE_VISIT_WITH_ASSETS);
    expect(first.isError).toBe(false);
    const again = await call("create_site_visit", GUIDE_VISIT_WITH_ASSETS);
    expect(again.structuredContent.alreadyExisted).toBe(true);
    const posts = await requestsTo("POST", "/site-visits");
    expect(posts.map((p) => p.replayed)).toEqual([false, true, true]);
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
    const found = await call("find_visit_by_ticket", {
      clientTicketNumber: GUIDE_VISIT_WITH_ASSETS.clientTicketNumber,
    });
    expect(found.structuredContent.found).toBe(true);
  });

  it("every answer lost: 'outcome unknown' naming the lookup; the same call later returns the one visit", async () => {
    await faults({ method: "POST", path: "/api/v1/site-visits", afterCommit: true, drop: true, times: 10 });
    const lost = await call("create_site_visit", GUIDE_VISIT_WITH_ASSETS);
    expect(lost.isError).toBe(true);
    expect(lost.content[0]?.text).toContain("outcome unknown");
    expect(lost.content[0]?.text).toContain("call find_visit_by_ticket with the same clientTicketNumber");
    expect(lost.content[0]?.text).not.toMatch(/\bfailed\b/);
    await emulator.control("DELETE", "/faults");
    const again = await call("create_site_visit", GUIDE_VISIT_WITH_ASSETS);
    expect(again.isError).toBe(false);
    expect(again.structuredContent.alreadyExisted).toBe(true);
    const visits = (await server.client.listResources()).resources.filter((r) =>
      r.uri.startsWith("ssn://site-visits/"),
    );
    expect(visits).toHaveLength(1);
  });

  it("a call answers within SSN_TIMEOUT however long the API holds it", async () => {
    await server.close();
    server = await connectServer(
      credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret, { SSN_TIMEOUT: "1" }),
    );
    await faults({ method: "GET", path: "/api/v1/projects", delayMs: 60_000, times: 10 });
    const result = await call("list_projects", {});
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain("no usable answer from the SSN API within 1 s");
  });

  it("a cancelled call aborts its HTTP request", async () => {
    await faults({ method: "GET", path: "/api/v1/projects", delayMs: 60_000, times: 1 });
    const dropped = new Promise<void>((resolve) => {
      onLine = (line) => {
        if (line.startsWith("GET /api/v1/projects") && line.includes(" dropped ")) resolve();
      };
    });
    const held = new Promise<void>((resolve) => {
      const poll = async () =>
        (await requestsTo("GET", "/projects")).length > 0 ? resolve() : setImmediate(poll);
      void poll();
    });
    const abort = new AbortController();
    const pending = (
      server.client as unknown as {
        callTool(p: unknown, o: { signal: AbortSignal }): Promise<unknown>;
      }
    ).callTool({ name: "list_projects", arguments: {} }, { signal: abort.signal });
    await held;
    abort.abort();
    await expect(pending).rejects.toThrow();
    await dropped;
  });

  it("a token endpoint outage at start is explained, retried, and announced with tools/list_changed", async () => {
    await server.close();
    await faults({ path: "/api/v1/oauth/token", status: 503, times: 1 });
    server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret));
    const changed = new Promise<void>((resolve) =>
      (
        server.client as unknown as { setNotificationHandler(method: string, handler: () => void): void }
      ).setNotificationHandler("notifications/tools/list_changed", resolve),
    );
    const status = await call("ssn_status", {});
    expect(status.structuredContent.problem).toContain("the SSN token endpoint failed with HTTP 503");
    expect((await server.client.listTools()).tools.map((t) => t.name)).toEqual(["ssn_status"]);
    await changed;
    expect((await server.client.listTools()).tools.length).toBeGreaterThan(5);
  });

  it("a renewed token with fewer scopes changes the listed tools and says so", async () => {
    const changed = new Promise<void>((resolve) =>
      (
        server.client as unknown as { setNotificationHandler(method: string, handler: () => void): void }
      ).setNotificationHandler("notifications/tools/list_changed", resolve),
    );
    await emulator.control("PUT", `/clients/${DEMO.clientId}/scopes`, {
      scopes: ["sites:read", "site-visits:read"],
    });
    clock += 2 * HOUR_MS; // the emulator now refuses the old token: the next call renews it
    expect((await call("list_projects", {})).isError).toBe(false);
    await changed;
    const names = (await server.client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual([
      "ssn_status",
      "list_projects",
      "list_items",
      "list_sites",
      "get_site",
      "list_site_visits",
      "get_site_visit",
      "find_visit_by_ticket",
    ]);
    expect(emulatorLines.some((line) => line.startsWith("POST /api/v1/oauth/token 200"))).toBe(true);
  });
});
