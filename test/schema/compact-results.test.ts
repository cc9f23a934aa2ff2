import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENDPOINTS } from "../../src/contract/endpoints.js";
import { PAGE_SIZE_DEFAULT } from "../../src/contract/paging.js";
import { GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS as GUIDE_VISIT } from "../../src/demo/guide-payloads.js";
import { DEMO_SEED } from "../../src/emulator/index.js";
import {
  type ConnectedServer,
  connectServer,
  credentialEnv,
  DEMO,
  fetchToken,
  startTestEmulator,
  type TestEmulator,
  type ToolResult,
} from "../e2e/harness.js";

/**
 * Results stay small in the model's context (issue 8): lists come in pages of 25 with a few lines
 * per record, long free text is cut in the readable text (the structured content keeps it whole),
 * and text from the API loses the invisible and bidirectional characters that could hide or
 * reorder what a model or a person reads.
 */

/** More records than one default page holds, of every kind a list tool returns. */
const EXTRA_RECORDS = PAGE_SIZE_DEFAULT + 5;
const seed = {
  ...DEMO_SEED,
  clients: DEMO_SEED.clients.map((client) =>
    client.clientId === DEMO.clientId
      ? {
          ...client,
          projects: [
            ...client.projects,
            ...Array.from({ length: EXTRA_RECORDS }, (_, i) => ({
              id: 2000 + i,
              name: `Rollout wave ${i + 1}`,
              active: true,
            })),
          ],
          items: [
            ...client.items,
            ...Array.from({ length: EXTRA_RECORDS }, (_, i) => ({
              name: `PART ${i + 1}`,
              description: `Replacement part number ${i + 1}`,
            })),
          ],
          sites: Array.from({ length: EXTRA_RECORDS }, (_, i) => ({
            ...GUIDE_SITE,
            name: `Demo Store ${300 + i}`,
            siteCode: `DEMO-STORE-${300 + i}`,
          })),
        }
      : client,
  ),
};

/** Characters the API may return that a reader cannot see: bidi overrides and isolates, zero-width ones, a BOM. */
const HIDDEN = ["\u202E", "\u202A", "\u2066", "\u2069", "\u200B", "\u200D", "\u2060", "\uFEFF", "\u00AD"];
const HIDDEN_PATTERN = new RegExp(`[${HIDDEN.join("")}]`, "u");

let emulator: TestEmulator;
let server: ConnectedServer;
let visitWithMessages: string;

async function call(name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  const result = (await server.client.callTool({ name, arguments: args })) as ToolResult;
  expect(result.isError, result.content[0]?.text).toBeFalsy();
  return result;
}

function textOf(result: ToolResult): string {
  return result.content.map((block) => block.text).join("\n");
}

beforeAll(async () => {
  emulator = await startTestEmulator({ seed });
  server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret));
  await call("create_site", GUIDE_SITE);
  for (let i = 0; i < EXTRA_RECORDS; i++) {
    const created = await call("create_site_visit", { ...GUIDE_VISIT, clientTicketNumber: `PAGE-${i}` });
    visitWithMessages = (created.structuredContent.siteVisit as { id: string }).id;
  }
  for (let i = 0; i < EXTRA_RECORDS; i++) {
    // Every third message is an e-mail-like text over several lines.
    const messageThread =
      i % 3 ? `Update ${i}: parts ordered` : `Update ${i}\nParts ordered\n\nRegards,\nDispatch`;
    await call("add_message", { siteVisitId: visitWithMessages, messageThread });
  }
});
afterAll(async () => {
  await server.close();
  await emulator.close();
});

describe.each([
  ["list_projects", "projects", 1],
  ["list_items", "items", 1],
  ["list_sites", "sites", 2],
  ["list_site_visits", "siteVisits", 1],
  ["list_messages", "messages", 2],
])("%s", (tool, key, linesPerRecord) => {
  const args = () => (tool === "list_messages" ? { siteVisitId: visitWithMessages } : {});

  it(`answers ${PAGE_SIZE_DEFAULT} records per page by default, ${linesPerRecord} short line(s) each, and the cursor`, async () => {
    const first = await call(tool, args());
    const records = first.structuredContent[key] as unknown[];
    const { nextCursor } = first.structuredContent;
    expect(records).toHaveLength(PAGE_SIZE_DEFAULT);
    expect(nextCursor).toEqual(expect.any(String));

    const lines = textOf(first).split("\n").filter(Boolean);
    expect(lines, `${linesPerRecord} line(s) per record and one for the cursor`).toHaveLength(
      PAGE_SIZE_DEFAULT * linesPerRecord + 1,
    );
    expect(lines.at(-1)).toContain(`cursor "${nextCursor}"`);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(200);

    const rest = await call(tool, { ...args(), cursor: nextCursor });
    expect((rest.structuredContent[key] as unknown[]).length).toBeGreaterThan(0);
    expect(rest.structuredContent.nextCursor).toBeUndefined();
  });
});

describe("long free text", () => {
  it("is cut in the text with a note, while the structured content keeps all of it", async () => {
    const visit = (await call("create_site_visit", { ...GUIDE_VISIT, clientTicketNumber: "LONG-1" }))
      .structuredContent.siteVisit as { id: string };
    const messageThread =
      `Technician notes. ${"The kiosk screen flickers after warm-up. ".repeat(250)}`.slice(0, 10_000);
    expect(messageThread).toHaveLength(10_000);

    const result = await call("add_message", { siteVisitId: visit.id, messageThread });
    const text = textOf(result);
    expect(text.length).toBeLessThan(1_000);
    expect(text).toMatch(/… \(\d+ more characters in the structured result\)/);
    expect((result.structuredContent.message as { messageThread: string }).messageThread).toBe(messageThread);
  });

  it("is cut the same way in a site visit, which stays a few lines", async () => {
    const description = `Replace the screen. ${"x".repeat(3_980)}`;
    const result = await call("create_site_visit", {
      ...GUIDE_VISIT,
      clientTicketNumber: "LONG-2",
      description,
      jobInstructions: description,
    });
    const text = textOf(result);
    expect(text.split("\n").length).toBeLessThanOrEqual(10);
    expect(text).toContain("more characters in the structured result");
    expect(text.length).toBeLessThan(1_500);
    const visit = result.structuredContent.siteVisit as { description: string; jobInstructions: string };
    expect(visit.description).toBe(description);
    expect(visit.jobInstructions).toBe(description);
  });
});

describe("text from the API", () => {
  it("loses invisible and bidirectional control characters, in the text and the structured content", async () => {
    const hiddenDescription = `Replace${HIDDEN.join("")} the kiosk\u202E screen`;
    const created = await call("create_site_visit", {
      ...GUIDE_VISIT,
      clientTicketNumber: "HIDDEN-1",
      description: hiddenDescription,
      jobInstructions: `Ask\u2066 for\u2069 the manager\u200B`,
    });
    const { id } = created.structuredContent.siteVisit as { id: string };

    // The API itself keeps the characters: removing them is the server's job.
    expect((await readFromApi(id)).description).toBe(hiddenDescription);

    const read = await call("get_site_visit", { siteVisitId: id });
    const visit = read.structuredContent.siteVisit as { description: string; jobInstructions: string };
    expect(visit.description).toBe("Replace the kiosk screen");
    expect(visit.jobInstructions).toBe("Ask for the manager");
    expect(textOf(read)).toContain("Description: Replace the kiosk screen");
    for (const result of [created, read]) {
      expect(textOf(result)).not.toMatch(HIDDEN_PATTERN);
      expect(JSON.stringify(result.structuredContent)).not.toMatch(HIDDEN_PATTERN);
    }
  });
});

/** The site visit as the SSN API returns it, read with the demo credential directly. */
async function readFromApi(siteVisitId: string): Promise<{ description: string }> {
  const token = await fetchToken(emulator, DEMO);
  const path = ENDPOINTS.getSiteVisit.path.replace("{id}", encodeURIComponent(siteVisitId));
  const response = await fetch(`${emulator.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { data: { description: string } }).data;
}
