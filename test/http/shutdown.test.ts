import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialEnv, DEMO, startTestEmulator, type TestEmulator } from "../e2e/harness.js";
import { connectHttp, startHttpServer, until } from "./harness.js";

describe("SIGTERM", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it.each([
    ["sessions", []],
    ["--stateless", ["--stateless"]],
  ])("with %s: stops accepting, lets the call in flight finish, then exits 0", async (_mode, args) => {
    const server = await startHttpServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret), args);
    const connection = await connectHttp(server.url, "v2");
    try {
      // The API holds the call until the fault rules are cleared.
      await emulator.control("POST", "/faults", {
        rules: [{ method: "GET", path: "/api/v1/projects", delayMs: 60_000, times: 1 }],
      });
      const call = connection.client.callTool({ name: "list_projects", arguments: {} });
      await until(async () => (await emulator.requests()).some((r) => r.path.endsWith("/projects")));

      server.child.kill("SIGTERM");
      await server.waitForLine("SIGTERM: no new connections; waiting for 1 call(s) in flight");
      await expect(fetch(`${server.origin}/healthz`)).rejects.toThrow();

      await emulator.control("DELETE", "/faults");
      expect((await call) as object).toMatchObject({ isError: false });
      expect(await server.exited).toBe(0);
      expect(server.stderr()).toContain("stopped");
    } finally {
      await connection.close();
      await server.stop();
      await emulator.control("DELETE", "/requests");
    }
  });
});
