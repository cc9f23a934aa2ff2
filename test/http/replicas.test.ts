import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS as GUIDE_VISIT } from "../../src/demo/guide-payloads.js";
import {
  credentialEnv,
  DEMO,
  startTestEmulator,
  type TestEmulator,
  type ToolResult,
} from "../e2e/harness.js";
import {
  connectHttp,
  type HttpClient,
  type HttpServerProcess,
  startHttpServer,
  startRedis,
  until,
} from "./harness.js";

describe("two stateless replicas sharing one Redis", () => {
  let emulator: TestEmulator;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let replicas: HttpServerProcess[];
  let clients: HttpClient[];

  beforeAll(async () => {
    [emulator, redis] = await Promise.all([startTestEmulator({ log: () => {} }), startRedis()]);
    const env = credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret, { SSN_REDIS_URL: redis.url });
    replicas = await Promise.all([
      startHttpServer(env, ["--stateless"]),
      startHttpServer(env, ["--stateless"]),
    ]);
    // Ready means the SSN token works and Redis answers.
    for (const replica of replicas) {
      await until(async () => (await fetch(`${replica.origin}/readyz`)).status === 200);
    }
    clients = await Promise.all(replicas.map((replica) => connectHttp(replica.url, "v2")));
  });
  afterAll(async () => {
    await Promise.all((clients ?? []).map((client) => client.close()));
    await Promise.all((replicas ?? []).map((replica) => replica.stop()));
    await redis?.stop();
    await emulator?.close();
  });

  it("a create whose answer replica A lost, retried through replica B, makes one record", async () => {
    const [throughA, throughB] = clients as [HttpClient, HttpClient];
    const call = async (client: HttpClient, name: string, args: Record<string, unknown>) =>
      (await client.client.callTool({ name, arguments: args })) as ToolResult;
    expect((await call(throughA, "create_site", GUIDE_SITE)).isError).toBe(false);

    // Every answer to A is lost after the visit was made: A retries until it gives up.
    await emulator.control("POST", "/faults", {
      rules: [{ method: "POST", path: "/api/v1/site-visits", afterCommit: true, drop: true, times: 4 }],
    });
    const lost = await call(throughA, "create_site_visit", GUIDE_VISIT);
    expect(lost.isError).toBe(true);
    expect(lost.content[0]?.text).toContain("outcome unknown");
    await emulator.control("DELETE", "/faults");

    const retried = await call(throughB, "create_site_visit", GUIDE_VISIT);
    expect(retried.isError).toBe(false);
    expect(retried.structuredContent?.alreadyExisted).toBe(true);

    const posts = (await emulator.requests()).filter(
      (r) => r.method === "POST" && r.path.endsWith("/site-visits"),
    );
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
    expect(posts.filter((p) => !p.replayed)).toHaveLength(1);
    expect(posts.at(-1)?.replayed).toBe(true);
    // The key both replicas used is the one in Redis.
    const inspector = new Redis(redis.url);
    const stored = await Promise.all(
      (await inspector.keys("ssn-mcp:idempotency:*")).map((k) => inspector.get(k)),
    );
    inspector.disconnect();
    expect(stored).toContain(posts[0]?.idempotencyKey);
    const found = await call(throughB, "find_visit_by_ticket", {
      clientTicketNumber: GUIDE_VISIT.clientTicketNumber,
    });
    expect(found.structuredContent?.found).toBe(true);
  });

  it("forgets the shared key of a create the API refused, so the corrected create is sent anew", async () => {
    const [throughA] = clients as [HttpClient];
    const inspector = new Redis(redis.url);
    try {
      const before = await inspector.keys("ssn-mcp:idempotency:*");
      const refused = (await throughA.client.callTool({
        name: "create_site_visit",
        arguments: { ...GUIDE_VISIT, clientTicketNumber: "CLIENT-TKT-REFUSED", projectId: 999 },
      })) as ToolResult;
      expect(refused.isError).toBe(true);
      expect((await inspector.keys("ssn-mcp:idempotency:*")).sort()).toEqual(before.sort());
    } finally {
      inspector.disconnect();
    }
  });
});
