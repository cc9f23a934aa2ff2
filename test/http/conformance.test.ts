import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialEnv, DEMO, startTestEmulator, type TestEmulator } from "../e2e/harness.js";
import { type HttpServerProcess, startHttpServer } from "./harness.js";

/** 0.1.13: the newest release that loads on Node 20 (0.1.14+ imports fs.globSync, Node 22). */
const CONFORMANCE = fileURLToPath(
  new URL("../../node_modules/@modelcontextprotocol/conformance/dist/index.js", import.meta.url),
);

/** The scenarios that fit a real server; the others expect the suite's own fixture tools. */
const SCENARIOS = [
  "server-initialize",
  "ping",
  "logging-set-level",
  "tools-list",
  "resources-list",
  "prompts-list",
  "server-sse-multiple-streams",
  "dns-rebinding-protection",
];

interface Outcome {
  scenario: string;
  exitCode: number;
  passed: number;
  checks: number;
  failed: number;
  warnings: number;
  output: string;
}

function runScenario(url: string, scenario: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CONFORMANCE, "server", "--url", url, "--scenario", scenario],
      { env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        const [, passed, checks, failed, warnings] =
          /Passed: (\d+)\/(\d+), (\d+) failed, (\d+) warnings/.exec(output)?.map(Number) ?? [];
        resolve({
          scenario,
          exitCode: error ? Number(error.code ?? 1) : 0,
          passed: passed ?? -1,
          checks: checks ?? -1,
          failed: failed ?? -1,
          warnings: warnings ?? -1,
          output,
        });
      },
    );
  });
}

// Loopback without authentication: the suite sends no token, and its DNS-rebinding scenario is
// defined for exactly such a server.
describe.each([
  ["sessions (default)", [], 0],
  // A stateless endpoint has no session id for the multiple-streams scenario to use: it warns.
  ["--stateless", ["--stateless"], 1],
])("the official conformance scenarios against ssn-mcp http, %s", (_mode, args, expectedWarnings) => {
  let emulator: TestEmulator;
  let server: HttpServerProcess;
  beforeAll(async () => {
    emulator = await startTestEmulator({ log: () => {} });
    server = await startHttpServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret), args);
  });
  afterAll(async () => {
    await server?.stop();
    await emulator?.close();
  });

  it("passes every scenario that applies", async () => {
    const outcomes = await Promise.all(SCENARIOS.map((scenario) => runScenario(server.url, scenario)));
    for (const outcome of outcomes) {
      expect(outcome, outcome.output).toMatchObject({ exitCode: 0, failed: 0 });
      expect(outcome.passed, outcome.output).toBe(outcome.checks);
    }
    expect(outcomes.reduce((sum, o) => sum + o.warnings, 0)).toBe(expectedWarnings);
    expect(outcomes.reduce((sum, o) => sum + o.passed, 0)).toBeGreaterThanOrEqual(SCENARIOS.length);
  });
});
