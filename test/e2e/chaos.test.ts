import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS } from "../../src/demo/guide-payloads.js";
import { Logger } from "../../src/log.js";
import { Runtime } from "../../src/mcp/runtime.js";
import { createMcpServer } from "../../src/mcp/server.js";
import { TOOLS } from "../../src/mcp/tools/index.js";
import { DEMO, fetchToken, startTestEmulator, type TestEmulator } from "./harness.js";

/** A small seeded generator, so a failing chaos run can be replayed exactly. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20261203;
const CALLS = 300;
const CONCURRENCY = 8;

describe(`chaos: ${CALLS} mixed tool calls under seeded random faults (seed ${SEED})`, () => {
  let emulator: TestEmulator;
  let runtime: Runtime;
  let client: Client;
  const logLines: string[] = [];

  beforeAll(async () => {
    emulator = await startTestEmulator();
    const config = parseConfig([], {
      SSN_ENVIRONMENT: "local",
      SSN_BASE_URL: emulator.baseUrl,
      SSN_CLIENT_ID: DEMO.clientId,
      SSN_CLIENT_SECRET: DEMO.clientSecret,
      SSN_TIMEOUT: "20",
    });
    const random = seededRandom(SEED);
    // The real retry policy, with short waits so hundreds of faults fit in a test run.
    runtime = new Runtime(config, TOOLS, new Logger("debug", (line) => logLines.push(line)), {
      baseDelayMs: 2,
      maxDelayMs: 10,
      random,
    });
    runtime.start();
    await runtime.settled();
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createMcpServer(runtime).connect(serverSide);
    client = new Client({ name: "chaos", version: "1" });
    await client.connect(clientSide);
  });
  afterAll(async () => {
    await client.close();
    await runtime.close();
    await emulator.close();
  });

  it("answers every call, loses and duplicates nothing", async () => {
    const random = seededRandom(SEED + 1);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const call = (name: string, args: Record<string, unknown>) =>
      client.callTool({ name, arguments: args }) as Promise<{
        isError?: boolean;
        content: { text: string }[];
      }>;

    expect((await call("create_site", GUIDE_SITE)).isError).toBe(false);
    const anchor = await call("create_site_visit", {
      ...GUIDE_VISIT_WITH_ASSETS,
      clientTicketNumber: "CHAOS-ANCHOR",
    });
    const anchorId = ((anchor as { structuredContent?: { siteVisit: { id: string } } }).structuredContent
      ?.siteVisit.id ?? "") as string;
    expect(anchorId).toMatch(/^visit_/);

    const paths = ["/api/v1/site-visits", "/api/v1/messages", "/api/v1/projects", "/api/v1/oauth/token"];
    const kinds = [
      { status: 503 },
      { status: 500 },
      { status: 429 },
      { drop: true },
      { afterCommit: true, drop: true },
      { afterCommit: true, status: 502 },
      { delayMs: 5 },
    ];
    const rules = Array.from({ length: 120 }, () => ({ path: pick(paths), times: 1, ...pick(kinds) }));
    expect((await emulator.control("POST", "/faults", { rules })).status).toBeLessThan(300);

    const operations = [
      (i: number) =>
        call("create_site_visit", { ...GUIDE_VISIT_WITH_ASSETS, clientTicketNumber: `CHAOS-${i}` }),
      (i: number) => call("add_message", { siteVisitId: anchorId, messageThread: `chaos message ${i}` }),
      () => call("get_site_visit", { siteVisitId: anchorId }),
      (i: number) => call("find_visit_by_ticket", { clientTicketNumber: `CHAOS-${i - 1}` }),
      () => call("list_projects", {}),
      () =>
        call("assign_assets", {
          siteVisitId: anchorId,
          siteAssetIds: [pick([456, 457])],
          mode: pick(["add", "remove"]),
        }),
    ];
    const outcomes: { isError: boolean; text: string }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CALLS) {
          const i = next++;
          const result = await pick(operations)(i);
          outcomes.push({ isError: result.isError === true, text: result.content[0]?.text ?? "" });
        }
      }),
    );

    const faulted = (await emulator.requests()).filter((r) => r.status === null || r.status >= 429);
    expect(faulted.length).toBeGreaterThanOrEqual(60);
    expect(outcomes).toHaveLength(CALLS);
    for (const outcome of outcomes) expect(outcome.text.length).toBeGreaterThan(0);
    const errors = outcomes.filter((o) => o.isError);
    expect(errors.length).toBeLessThan(CALLS / 2);
    for (const error of errors)
      expect(error.text).toMatch(/outcome unknown|failed:|SSN API answered|no usable answer/);

    // No duplicates: read everything back straight from the API.
    await emulator.control("DELETE", "/faults");
    const token = await fetchToken(emulator, DEMO);
    const readAll = async (path: string) => {
      const rows: Record<string, unknown>[] = [];
      let cursor: string | undefined;
      do {
        const url = new URL(`${emulator.baseUrl}${path}`);
        url.searchParams.set("pageSize", "100");
        if (cursor) url.searchParams.set("cursor", cursor);
        const page = (await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json()) as {
          data: Record<string, unknown>[];
          meta: { nextCursor?: string | null };
        };
        rows.push(...page.data);
        cursor = page.meta.nextCursor ?? undefined;
      } while (cursor);
      return rows;
    };
    const messages = await readAll(`/messages?siteVisitId=${anchorId}`);
    const texts = messages.map((m) => m.messageThread);
    expect(new Set(texts).size).toBe(texts.length);
    const visits = await readAll("/site-visits");
    const tickets = visits.map((v) => v.clientTicketNumber);
    expect(new Set(tickets).size).toBe(tickets.length);
    const created = outcomes.filter((o) => !o.isError && o.text.startsWith("Created site visit")).length;
    expect(visits.length).toBeGreaterThanOrEqual(created + 1);

    // The secret never reached a log line, even on these error paths.
    const logs = logLines.join("\n");
    expect(logs).not.toContain(DEMO.clientSecret);
    expect(logs).not.toContain(Buffer.from(DEMO.clientSecret).toString("base64"));
  });
});
