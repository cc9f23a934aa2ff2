import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SsnClient } from "../../src/ssn/client.js";
import { connectServer, credentialEnv, DEMO, startTestEmulator, type TestEmulator } from "./harness.js";

const HOUR_MS = 3_600_000;

describe("tokens are requested once, however many calls wait for one", () => {
  let emulator: TestEmulator;
  /** The emulator's clock, moved by hand so tokens expire without waiting. */
  let clock = Date.now();
  beforeEach(async () => {
    clock = Date.now();
    emulator = await startTestEmulator({ now: () => clock });
  });
  afterEach(async () => {
    await emulator.close();
  });

  const tokenRequests = async () =>
    (await emulator.requests()).filter((r) => r.path.endsWith("/oauth/token"));

  it("the SSN client shares one token request among 20 concurrent first calls", async () => {
    const client = new SsnClient({ baseUrl: emulator.baseUrl, credential: DEMO });
    try {
      const pages = await Promise.all(Array.from({ length: 20 }, () => client.listProjects({})));
      expect(pages.every((page) => page.items.length === 1)).toBe(true);
      expect(await tokenRequests()).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it("renews the token once 80% of its lifetime has passed, not before", async () => {
    let now = Date.now();
    const client = new SsnClient({ baseUrl: emulator.baseUrl, credential: DEMO, now: () => now });
    try {
      const first = await client.tokens.get();
      const lifetime = first.expiresAt - now;
      now += lifetime * 0.79;
      expect((await client.tokens.get()).value).toBe(first.value);
      now += lifetime * 0.02;
      expect((await client.tokens.get()).value).not.toBe(first.value);
      expect(await tokenRequests()).toHaveLength(2);
    } finally {
      await client.close();
    }
  });

  it("the server renews an expired token with one request for 20 concurrent tool calls", async () => {
    const server = await connectServer(credentialEnv(emulator, DEMO.clientId, DEMO.clientSecret));
    try {
      const status = (await server.client.callTool({ name: "ssn_status", arguments: {} })) as {
        structuredContent: { connected: boolean };
      };
      expect(status.structuredContent.connected).toBe(true);
      await emulator.control("DELETE", "/requests");
      clock += 2 * HOUR_MS; // every token the emulator issued is now expired: calls get 401

      const results = (await Promise.all(
        Array.from({ length: 20 }, () => server.client.callTool({ name: "list_projects", arguments: {} })),
      )) as { isError?: boolean }[];
      expect(results.every((result) => result.isError !== true)).toBe(true);
      expect(await tokenRequests()).toHaveLength(1);
      const log = await emulator.requests();
      expect(log.filter((r) => r.status === 401).length).toBeGreaterThan(0);
      expect(log.filter((r) => r.path.endsWith("/projects") && r.status === 200)).toHaveLength(20);
    } finally {
      await server.close();
    }
  });
});
