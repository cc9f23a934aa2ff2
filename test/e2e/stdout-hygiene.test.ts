import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS } from "../../src/demo/guide-payloads.js";
import {
  credentialEnv,
  DEMO,
  fetchToken,
  SERVER_ENTRY,
  startTestEmulator,
  type TestEmulator,
} from "./harness.js";

/** Speaks raw JSON-RPC to the server so every byte it writes to stdout is seen. */
async function rawSession(env: Record<string, string>, requests: { method: string; params?: unknown }[]) {
  const child = spawn(process.execPath, [SERVER_ENTRY], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // Every request is answered (in whatever order) before stdin is closed.
  const ids = requests.map((_request, index) => `"id":${index + 1}`);
  const answered = new Promise<void>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (ids.every((id) => stdout.includes(id))) resolve();
    });
  });
  const send = (message: unknown) =>
    child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...(message as object) })}\n`);
  send({
    id: 0,
    method: "initialize",
    params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  });
  send({ method: "notifications/initialized" });
  send({ id: "set-level", method: "logging/setLevel", params: { level: "debug" } });
  for (const [index, request] of requests.entries()) send({ id: index + 1, ...request });
  await answered;
  child.stdin.end();
  await new Promise((resolve) => child.once("exit", resolve));
  return { stdout, stderr };
}

describe("stdout carries nothing but JSON-RPC; secrets appear nowhere", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("even with debug logging, failing calls and a full write path", async () => {
    const call = (name: string, args: unknown) => ({
      method: "tools/call",
      params: { name, arguments: args },
    });
    // Error paths too: a retried 503, a dropped connection, a lost answer.
    await emulator.control("POST", "/faults", {
      rules: [
        { method: "POST", path: "/api/v1/site-visits", status: 503, times: 1 },
        { method: "GET", path: "/api/v1/site-visits", drop: true, times: 1 },
        { method: "POST", path: "/api/v1/sites", afterCommit: true, drop: true, times: 1 },
      ],
    });
    const { stdout, stderr } = await rawSession(
      credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret, { SSN_LOG_LEVEL: "debug" }),
      [
        { method: "tools/list" },
        call("ssn_status", {}),
        call("create_site", GUIDE_SITE),
        call("create_site_visit", GUIDE_VISIT_WITH_ASSETS),
        call("create_site_visit", { ...GUIDE_VISIT_WITH_ASSETS, projectId: 999, clientTicketNumber: "T-2" }),
        call("get_site_visit", { siteVisitId: "visit_00000000000000000000000000000000" }),
        call("create_site", { nonsense: true }),
        call("no_such_tool", {}),
        {
          method: "resources/read",
          params: { uri: "ssn://site-visits/visit_00000000000000000000000000000000" },
        },
      ],
    );
    const lines = stdout.split("\n").filter((line) => line.length > 0);
    expect(lines.length).toBeGreaterThanOrEqual(11);
    for (const line of lines) {
      const message = JSON.parse(line) as { jsonrpc?: string };
      expect(message.jsonrpc).toBe("2.0");
    }
    expect(stderr).toContain("ssn-mcp debug:");
    expect(stderr).not.toContain("ssn-mcp error");
    const output = stdout + stderr;
    const base64 = (text: string) => Buffer.from(text).toString("base64");
    for (const secretForm of [
      DEMO.clientSecret,
      base64(DEMO.clientSecret),
      base64(`${DEMO.clientId}:${DEMO.clientSecret}`),
      encodeURIComponent(DEMO.clientSecret),
    ]) {
      expect(output).not.toContain(secretForm);
    }
    expect(output).not.toMatch(/Bearer\s+\S{16,}/);
    // Access tokens are long opaque strings; fetch one to be sure the pattern below matches them.
    const sample = await fetchToken(emulator, DEMO);
    const tokenLike = /[A-Za-z0-9_-]{40,}/;
    expect(sample).toMatch(tokenLike);
    expect(output).not.toMatch(tokenLike);
  });
});

describe("the process ends with its connection", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  const spawnServer = () =>
    spawn(process.execPath, [SERVER_ENTRY], {
      env: credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret),
      stdio: ["pipe", "pipe", "pipe"],
    });

  it("exits when stdin closes, even while its token request hangs", async () => {
    await emulator.control("POST", "/faults", { rules: [{ path: "/api/v1/oauth/token", delayMs: 120_000 }] });
    const held = async () => (await emulator.requests()).some((r) => r.path.endsWith("/oauth/token"));
    const child = spawnServer();
    while (!(await held())) await new Promise((resolve) => setImmediate(resolve));
    child.stdin.end();
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
    await emulator.control("DELETE", "/faults");
  });

  it("exits when a message is larger than it accepts, instead of hanging", async () => {
    const child = spawnServer();
    child.stdin.on("error", () => {});
    child.stdin.write(
      `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":"${"a".repeat(17 * 1024 * 1024)}"}}\n`,
    );
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  });
});
