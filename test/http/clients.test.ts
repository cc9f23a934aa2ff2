import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GUIDE_VISIT_WITH_ASSETS as GUIDE_VISIT } from "../../src/demo/guide-payloads.js";
import { walkGuidePath } from "../../src/demo/walkthrough.js";
import {
  type ClientKind,
  credentialEnv,
  DEMO,
  startTestEmulator,
  type TestEmulator,
} from "../e2e/harness.js";
import { connectHttp, type HttpServerProcess, startHttpServer } from "./harness.js";

const CLIENTS: [ClientKind, string][] = [
  ["v2", "the current SDK client (2025-era handshake)"],
  ["v2-modern", "the current SDK client in 2026-07-28 mode"],
  ["v1", "the 1.x SDK client"],
];

const MODES: [string, string[]][] = [
  ["sessions (default)", []],
  ["--stateless", ["--stateless"]],
];

describe.each(MODES)("MCP over HTTP, %s", (_mode, args) => {
  let emulator: TestEmulator;
  let server: HttpServerProcess;
  const visitCreates = async () =>
    (await emulator.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/site-visits"));

  beforeAll(async () => {
    emulator = await startTestEmulator({ log: () => {} });
    server = await startHttpServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret), args);
  });
  beforeEach(async () => {
    await emulator.control("POST", "/reset");
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.close();
  });

  it.each(CLIENTS)("walks the guide's path with %s", async (kind) => {
    const connection = await connectHttp(server.url, kind);
    try {
      const result = await walkGuidePath(connection.client, () => {});
      expect(result.visit).toMatchObject({
        clientTicketNumber: GUIDE_VISIT.clientTicketNumber,
        siteVisitAssets: [{ siteAssetId: 456 }, { siteAssetId: 457 }],
      });
      expect((await visitCreates()).map((r) => r.status)).toEqual([201]);
    } finally {
      await connection.close();
    }
  });

  it("serves three clients at once, one of each kind, and their identical creates make one record", async () => {
    const connections = await Promise.all(CLIENTS.map(([kind]) => connectHttp(server.url, kind)));
    try {
      const results = await Promise.all(connections.map((c) => walkGuidePath(c.client, () => {})));
      expect(new Set(results.map((r) => r.siteVisitId)).size).toBe(1);
      const creates = await visitCreates();
      expect(new Set(creates.map((r) => r.idempotencyKey)).size).toBe(1);
      expect(creates.filter((r) => r.status === 201 && !r.replayed)).toHaveLength(1);
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
  });
});

describe("a change in the granted scopes reaches HTTP clients as tools/list_changed", () => {
  const HOUR_MS = 3_600_000;
  let clock = Date.now();
  let emulator: TestEmulator;
  const servers: HttpServerProcess[] = [];

  beforeAll(async () => {
    emulator = await startTestEmulator({ now: () => clock, log: () => {} });
    const env = credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret);
    servers.push(...(await Promise.all([startHttpServer(env), startHttpServer(env, ["--stateless"])])));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await emulator?.close();
  });

  it("through a session's stream (2025 era) and a subscriptions/listen stream (2026-07-28), in both modes", async () => {
    const [withSessions, stateless] = servers as [HttpServerProcess, HttpServerProcess];
    const [sessionV2, sessionV1, modern, modernStateless] = await Promise.all([
      connectHttp(withSessions.url, "v2"),
      connectHttp(withSessions.url, "v1"),
      connectHttp(withSessions.url, "v2-modern"),
      connectHttp(stateless.url, "v2-modern"),
    ]);
    const listeners = [sessionV2, sessionV1, modern, modernStateless];
    try {
      const heard = listeners.map((listener) => listener.toolsChanged());
      // A 2026-07-28 client hears of changes only on a stream it opens.
      for (const client of [modern, modernStateless]) {
        await (client.client as unknown as { listen(filter: object): Promise<unknown> }).listen({
          toolsListChanged: true,
        });
      }
      expect((await sessionV2.client.listTools()).tools.map((t) => t.name)).toContain("create_site");

      await emulator.control("PUT", `/clients/${DEMO.clientId}/scopes`, { scopes: ["site-visits:read"] });
      clock += 2 * HOUR_MS; // the emulator now refuses the old tokens: each server's next call renews its own
      for (const caller of [sessionV2, modernStateless]) {
        const result = await caller.client.callTool({ name: "list_projects", arguments: {} });
        expect(result as object).toMatchObject({ isError: false });
      }
      await Promise.all(heard);
      for (const listener of listeners) {
        expect((await listener.client.listTools()).tools.map((t) => t.name)).not.toContain("create_site");
      }
    } finally {
      await Promise.all(listeners.map((listener) => listener.close()));
    }
  });
});
