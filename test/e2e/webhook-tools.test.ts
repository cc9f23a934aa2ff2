import { createServer, type Server } from "node:http";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConnectedServer,
  connectServer,
  credentialEnv,
  DEMO,
  SERVER_ENTRY,
  startTestEmulator,
  type TestEmulator,
  type ToolResult,
} from "./harness.js";

describe("webhook subscriptions as tools", () => {
  let emulator: TestEmulator;
  let server: ConnectedServer;
  let receiver: Server;
  let receiverUrl: string;
  const call = async (name: string, args: Record<string, unknown>) =>
    (await server.client.callTool({ name, arguments: args })) as ToolResult;
  const subscribe = async () =>
    (
      await call("create_webhook_subscription", {
        url: receiverUrl,
        events: ["ticket.created"],
        description: `t-${Math.random()}`,
      })
    ).structuredContent.subscription.id as string;
  const subscriptionIds = async () =>
    ((await call("list_webhook_subscriptions", {})).structuredContent.subscriptions as { id: string }[]).map(
      (s) => s.id,
    );

  beforeAll(async () => {
    receiver = createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/webhooks/ssn`;
    emulator = await startTestEmulator();
    server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret));
  });
  afterAll(async () => {
    await server.close();
    await emulator.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("creates a subscription and shows its signing secret once, marked as secret", async () => {
    const created = await call("create_webhook_subscription", {
      url: receiverUrl,
      events: ["ticket.created"],
    });
    expect(created.isError).toBe(false);
    const { subscription } = created.structuredContent;
    expect(subscription.secret).toMatch(/^whsec_/);
    expect(created.content[0]?.text).toContain("SECRET, shown only this once");
    const listed = await call("list_webhook_subscriptions", {});
    expect(listed.structuredContent.subscriptions).toEqual([
      expect.objectContaining({ id: subscription.id, url: receiverUrl }),
    ]);
    expect(JSON.stringify(listed)).not.toContain(subscription.secret);
  });

  it("refuses an unknown event, naming the accepted ones", async () => {
    const result = await call("create_webhook_subscription", {
      url: receiverUrl,
      events: ["ticket.deleted"],
    });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toContain("ticket.created");
  });

  it("does not delete without confirmation when the client cannot ask, and says how to confirm", async () => {
    const id = await subscribe();
    const refused = await call("delete_webhook_subscription", { subscriptionId: id });
    expect(refused.isError).toBe(true);
    expect(refused.content[0]?.text).toContain(`confirm: "${id}"`);
    expect(await subscriptionIds()).toContain(id);
    const deleted = await call("delete_webhook_subscription", { subscriptionId: id, confirm: id });
    expect(deleted.structuredContent).toEqual({ deleted: id });
    expect(await subscriptionIds()).not.toContain(id);
  });

  it.each([
    ["accepts", true],
    ["declines", false],
  ])(
    "asks the person through elicitation; when the person %s, the subscription is deleted: %s",
    async (_l, accept) => {
      const id = await subscribe();
      const client = new Client(
        { name: "asking", version: "1" },
        { capabilities: { elicitation: { form: {} } } },
      );
      client.setRequestHandler("elicitation/create", async () =>
        accept ? { action: "accept" as const, content: { confirm: true } } : { action: "decline" as const },
      );
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [SERVER_ENTRY],
          env: credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret),
        }),
      );
      try {
        const result = (await client.callTool({
          name: "delete_webhook_subscription",
          arguments: { subscriptionId: id },
        })) as ToolResult;
        expect(result.isError).toBe(!accept);
        expect((await subscriptionIds()).includes(id)).toBe(!accept);
      } finally {
        await client.close();
      }
    },
  );
});
