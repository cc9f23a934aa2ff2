import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSignature } from "../../src/contract/webhooks.js";
import { Logger } from "../../src/log.js";
import { InMemoryEventLog } from "../../src/webhooks/event-log.js";
import { createWebhookReceiver } from "../../src/webhooks/receiver.js";

const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;
const OLD_SECRET = newSecret();
const NEW_SECRET = newSecret();

function event(id = `evt_${randomBytes(16).toString("hex")}`) {
  return {
    id,
    type: "ticket.created",
    occurredAt: "2026-04-03T16:19:30.074Z",
    resourceType: "site-visits",
    resourceId: "visit_0d995b97a85e4c64ad5594c2e74b69e4",
    payloadVersion: "2026-03-24",
    data: { clientTicketNumber: "CLIENT-TKT-10027" },
  };
}

describe("the webhook receiver", () => {
  let server: Server;
  let url: string;
  const events = new InMemoryEventLog();
  const logLines: string[] = [];

  beforeAll(async () => {
    const receive = createWebhookReceiver(
      [OLD_SECRET, NEW_SECRET],
      events,
      new Logger("debug", (l) => logLines.push(l)),
    );
    server = createServer((req, res) => void receive(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/webhooks/ssn`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** Sends a delivery signed as SSN signs it; `change` tampers with one part. */
  async function deliver(
    body: ReturnType<typeof event>,
    options: { secret?: string; timestamp?: number; tamper?: (raw: string) => string } = {},
  ) {
    const raw = JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = webhookSignature(options.secret ?? NEW_SECRET, body.id, timestamp, raw);
    return fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": body.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signature,
      },
      body: options.tamper ? options.tamper(raw) : raw,
    });
  }
  const stored = async (id: string) => (await events.recent()).filter((e) => e.id === id).length;

  it("accepts a signed delivery with 2xx and stores it once, however often it comes", async () => {
    const delivery = event();
    expect((await deliver(delivery)).status).toBe(204);
    expect((await deliver(delivery)).status).toBe(204);
    expect(await stored(delivery.id)).toBe(1);
  });

  it("verifies with either secret while one is being rotated", async () => {
    const delivery = event();
    expect((await deliver(delivery, { secret: OLD_SECRET })).status).toBe(204);
    expect(await stored(delivery.id)).toBe(1);
  });

  it.each([
    ["a wrong secret", { secret: newSecret() }],
    ["a stale timestamp", { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 }],
    ["a timestamp from the future", { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 }],
    ["a tampered body", { tamper: (raw: string) => raw.replace("CLIENT-TKT-10027", "CLIENT-TKT-99999") }],
  ])("refuses %s with 401 and stores nothing", async (_label, options) => {
    const delivery = event();
    const response = await deliver(delivery, options);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("signature not verified");
    expect(await stored(delivery.id)).toBe(0);
  });

  it("refuses a delivery without its headers, and a non-POST", async () => {
    const bare = await fetch(url, { method: "POST", body: JSON.stringify(event()) });
    expect(bare.status).toBe(400);
    expect((await fetch(url)).status).toBe(405);
  });

  it("never logs a secret", () => {
    const logs = logLines.join("\n");
    for (const secret of [OLD_SECRET, NEW_SECRET]) expect(logs).not.toContain(secret.slice(6, 30));
  });
});
