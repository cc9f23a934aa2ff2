import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_MESSAGE, GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS } from "../../src/demo/guide-payloads.js";
import { PDF } from "../fixtures/files.js";
import {
  type ConnectedServer,
  connectServer,
  credentialEnv,
  DEMO,
  READONLY,
  startTestEmulator,
  type TestEmulator,
} from "./harness.js";

/** The parts of the SDK client these tests use beyond the harness's narrow type. */
interface FullClient {
  listResourceTemplates(): Promise<{ resourceTemplates: { uriTemplate: string }[] }>;
  complete(params: {
    ref: { type: string; uri?: string; name?: string };
    argument: { name: string; value: string };
  }): Promise<{ completion: { values: string[] } }>;
  listPrompts(): Promise<{ prompts: { name: string; arguments?: { name: string }[] }[] }>;
  getPrompt(params: { name: string; arguments: Record<string, string> }): Promise<{
    messages: { content: { text: string } }[];
  }>;
}

describe("resources, completions and prompts", () => {
  let emulator: TestEmulator;
  let server: ConnectedServer;
  let client: ConnectedServer["client"] & FullClient;
  let siteVisitId: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret));
    client = server.client as ConnectedServer["client"] & FullClient;
    const call = (name: string, args: Record<string, unknown>) =>
      client.callTool({ name, arguments: args }) as Promise<{
        structuredContent: Record<string, { id: string }>;
      }>;
    await call("create_site", GUIDE_SITE);
    siteVisitId =
      (await call("create_site_visit", GUIDE_VISIT_WITH_ASSETS)).structuredContent.siteVisit?.id ?? "";
    const messageId = (await call("add_message", { siteVisitId, ...GUIDE_MESSAGE })).structuredContent.message
      ?.id;
    await call("upload_return_label", {
      siteVisitId,
      content: PDF.toString("base64"),
      fileName: "label.pdf",
    });
    await call("attach_message_file", { messageId, content: PDF.toString("base64"), fileName: "note.pdf" });
  });
  afterAll(async () => {
    await server.close();
    await emulator.close();
  });

  const readJson = async (uri: string) =>
    JSON.parse(
      ((await client.readResource({ uri })).contents[0] as { text?: string }).text ?? "null",
    ) as Record<string, unknown>;

  it("lists the visits, sites and reference documents", async () => {
    const uris = (await client.listResources()).resources.map((r) => r.uri);
    expect(uris).toEqual(
      expect.arrayContaining([
        `ssn://site-visits/${siteVisitId}`,
        "ssn://sites/DEMO-STORE-100",
        "ssn://reference/projects",
        "ssn://reference/items",
      ]),
    );
    expect((await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate)).toEqual([
      "ssn://site-visits/{siteVisitId}",
      "ssn://sites/{siteCode}",
    ]);
  });

  it("a visit's document carries its assets, return label and messages with attachments, never file bodies", async () => {
    const visit = await readJson(`ssn://site-visits/${siteVisitId}`);
    expect(visit.siteVisitAssets).toHaveLength(2);
    expect(visit.returnLabel).toMatchObject({ fileName: "label.pdf", contentType: "application/pdf" });
    expect(visit.messages).toEqual([
      expect.objectContaining({
        messageThread: GUIDE_MESSAGE.messageThread,
        attachments: [expect.objectContaining({ fileName: "note.pdf" })],
      }),
    ]);
    expect(JSON.stringify(visit)).not.toContain(PDF.toString("base64"));
  });

  it("a site's document carries its visits; reference documents are whole", async () => {
    const site = await readJson("ssn://sites/DEMO-STORE-100");
    expect(site).toMatchObject({
      siteCode: "DEMO-STORE-100",
      siteVisits: [expect.objectContaining({ id: siteVisitId })],
    });
    expect(await readJson("ssn://reference/projects")).toEqual({
      projects: [{ id: 123, name: "Demo Rollout", active: true }],
    });
    expect(((await readJson("ssn://reference/items")).items as unknown[]).length).toBe(2);
  });

  it("an unknown visit or site is 'resource not found'", async () => {
    await expect(
      client.readResource({ uri: "ssn://site-visits/visit_00000000000000000000000000000000" }),
    ).rejects.toThrow(/not found/i);
    await expect(client.readResource({ uri: "ssn://sites/NOPE-1" })).rejects.toThrow(/not found/i);
  });

  it("completes siteVisitId and siteCode from what the credential can see", async () => {
    const visits = await client.complete({
      ref: { type: "ref/resource", uri: "ssn://site-visits/{siteVisitId}" },
      argument: { name: "siteVisitId", value: "visit_" },
    });
    expect(visits.completion.values).toEqual([siteVisitId]);
    const sites = await client.complete({
      ref: { type: "ref/resource", uri: "ssn://sites/{siteCode}" },
      argument: { name: "siteCode", value: "demo" },
    });
    expect(sites.completion.values).toEqual(["DEMO-STORE-100"]);
    const tickets = await client.complete({
      ref: { type: "ref/prompt", name: "ticket_summary" },
      argument: { name: "clientTicketNumber", value: "CLIENT" },
    });
    expect(tickets.completion.values).toEqual([GUIDE_VISIT_WITH_ASSETS.clientTicketNumber]);
  });

  it("lists and renders the prompts", async () => {
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual([
      "dispatch_site_visit",
      "ticket_summary",
    ]);
    const dispatch = await client.getPrompt({
      name: "dispatch_site_visit",
      arguments: { siteCode: "DEMO-STORE-100", problem: "Kiosk screen is cracked" },
    });
    const steps = dispatch.messages[0]?.content.text ?? "";
    expect(steps).toContain("Kiosk screen is cracked");
    expect(steps).toContain("call create_site_visit with clientSiteId DEMO-STORE-100");
    const summary = await client.getPrompt({
      name: "ticket_summary",
      arguments: { clientTicketNumber: GUIDE_VISIT_WITH_ASSETS.clientTicketNumber },
    });
    const text = summary.messages[0]?.content.text ?? "";
    expect(text).toContain(siteVisitId);
    expect(text).toContain(GUIDE_MESSAGE.messageThread);
    await expect(
      client.getPrompt({ name: "ticket_summary", arguments: { clientTicketNumber: "NO-SUCH-TICKET" } }),
    ).rejects.toThrow(/No site visit has clientTicketNumber NO-SUCH-TICKET/);
  });

  it("gates resources and prompts by scope, like tools", async () => {
    const readOnly = await connectServer(credentialEnv(emulator, READONLY.clientId, READONLY.clientSecret));
    try {
      const other = readOnly.client as ConnectedServer["client"] & FullClient;
      expect((await other.listPrompts()).prompts.map((p) => p.name)).toEqual(["ticket_summary"]);
      expect((await other.listResources()).resources.map((r) => r.uri)).toEqual([
        "ssn://reference/projects",
        "ssn://reference/items",
      ]);
    } finally {
      await readOnly.close();
    }
  });
});
