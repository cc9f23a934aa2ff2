import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS } from "../../src/demo/guide-payloads.js";
import {
  connectServer,
  credentialEnv,
  DEMO,
  startTestEmulator,
  type TestEmulator,
  type ToolResult,
} from "../e2e/harness.js";
import { freePort, type HttpServerProcess, startHttpServer, startRedis, until } from "./harness.js";

/** A 2025-era client over HTTP that subscribed to `uris` and records each resources/updated. */
async function subscriber(url: string, uris: string[]) {
  const updated: string[] = [];
  const client = new Client({ name: "watcher", version: "1" });
  client.setNotificationHandler("notifications/resources/updated", (note) => {
    updated.push(note.params.uri);
  });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  for (const uri of uris) await client.subscribeResource({ uri });
  return { client, updated };
}

const readEvents = async (client: Client) =>
  JSON.parse(
    ((await client.readResource({ uri: "ssn://events/recent" })).contents[0] as { text: string }).text,
  ).events as { id: string; type: string; resourceId: string }[];

describe("webhooks end to end: SSN's events reach the assistants watching", () => {
  let emulator: TestEmulator;
  let secret: string;
  let ports: number[];
  const servers: HttpServerProcess[] = [];
  let redis: Awaited<ReturnType<typeof startRedis>>;

  beforeAll(async () => {
    [emulator, redis] = await Promise.all([startTestEmulator({ log: () => {} }), startRedis()]);
    ports = [await freePort(), await freePort()];
    // Subscribe the deployment's receiver through the tool, as a user would.
    const setup = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret));
    try {
      const created = (await setup.client.callTool({
        name: "create_webhook_subscription",
        arguments: { url: `http://127.0.0.1:${ports[0]}/webhooks/ssn`, events: ["ticket.created"] },
      })) as ToolResult;
      secret = created.structuredContent.subscription.secret;
      await setup.client.callTool({ name: "create_site", arguments: GUIDE_SITE });
    } finally {
      await setup.close();
    }
    // Two replicas sharing Redis; SSN delivers to the first.
    for (const port of ports) {
      const env = credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret, {
        SSN_WEBHOOK_SECRETS: `whsec_${Buffer.from("an-old-secret-being-rotated-out").toString("base64")},${secret}`,
        SSN_REDIS_URL: redis.url,
      });
      servers.push(await startHttpServer(env, ["--port", String(port)]));
    }
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await emulator.close();
    await redis.stop();
  });

  it("a created visit's event reaches a session on the other replica, once, however often it is delivered", async () => {
    const [a, b] = servers as [HttpServerProcess, HttpServerProcess];
    const onA = await subscriber(a.url, ["ssn://events/recent"]);
    const onB = await subscriber(b.url, ["ssn://events/recent"]);
    try {
      const created = (await onA.client.callTool({
        name: "create_site_visit",
        arguments: GUIDE_VISIT_WITH_ASSETS,
      })) as ToolResult;
      const visitId = created.structuredContent.siteVisit.id as string;
      await until(async () => onB.updated.includes("ssn://events/recent") && onA.updated.length > 0);
      const events = await readEvents(onB.client);
      expect(events).toEqual([expect.objectContaining({ type: "ticket.created", resourceId: visitId })]);

      // SSN delivers at least once: a forced duplicate is stored and announced once only.
      const eventId = events[0]?.id ?? "";
      await emulator.control("POST", `/deliveries/${eventId}/redeliver`);
      await until(async () => {
        const deliveries = (await (await emulator.control("GET", "/deliveries")).json()) as {
          data: { eventId: string; status: number | null }[];
        };
        return deliveries.data.filter((d) => d.eventId === eventId && d.status === 204).length === 2;
      });
      expect(await readEvents(onA.client)).toHaveLength(1);
      expect(onB.updated.filter((uri) => uri === "ssn://events/recent")).toHaveLength(1);
      expect(a.stderr()).toContain("(duplicate, ignored)");
    } finally {
      await onA.client.close();
      await onB.client.close();
    }
  });

  it("refuses a delivery signed with a secret it does not hold, storing nothing", async () => {
    const [a] = servers as [HttpServerProcess];
    const response = await fetch(`${a.origin}/webhooks/ssn`, {
      method: "POST",
      headers: {
        "webhook-id": "evt_x",
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,AAAA",
      },
      body: "{}",
    });
    expect(response.status).toBe(401);
    expect(a.stderr()).not.toContain(secret.slice(6));
  });
});
