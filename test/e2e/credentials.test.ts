import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectServer,
  credentialEnv,
  DEMO,
  serverEnv,
  startTestEmulator,
  type TestEmulator,
} from "./harness.js";

interface StatusResult {
  content: { text: string }[];
  structuredContent: { connected: boolean; problem?: string; visibleTools: string[]; clientId?: string };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("without a working credential the server still starts and ssn_status explains", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  async function statusWith(env: Record<string, string>) {
    const server = await connectServer(env);
    try {
      const { tools } = await server.client.listTools();
      const status = (await server.client.callTool({ name: "ssn_status", arguments: {} })) as StatusResult;
      return { tools: tools.map((t) => t.name), status, stderr: server.stderr() };
    } finally {
      await server.close();
    }
  }

  it("no credential: only ssn_status, which says what to set", async () => {
    const { tools, status, stderr } = await statusWith(
      serverEnv({ SSN_ENVIRONMENT: "local", SSN_BASE_URL: emulator.baseUrl }),
    );
    expect(tools).toEqual(["ssn_status"]);
    expect(status.structuredContent.connected).toBe(false);
    expect(status.structuredContent.problem).toContain("SSN_CLIENT_ID is not set");
    expect(status.structuredContent.problem).toContain("--local-sandbox");
    expect(stderr).toContain("SSN_CLIENT_ID is not set");
  });

  it("a wrong secret: the refusal is explained and the secret is printed nowhere", async () => {
    const secret = "wrong-secret-7f3a9c";
    const { tools, status, stderr } = await statusWith(credentialEnv(emulator, DEMO.clientId, secret));
    expect(tools).toEqual(["ssn_status"]);
    expect(status.structuredContent.problem).toContain(
      'refused the credential "demo-client" with HTTP 401 invalid_client',
    );
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(stderr).not.toContain(secret);
  });

  it("a tool called while not connected says why, not that a scope is missing", async () => {
    const server = await connectServer(credentialEnv(emulator, DEMO.clientId, "wrong-secret-7f3a9c"));
    try {
      const result = (await server.client.callTool({
        name: "list_projects",
        arguments: {},
      })) as StatusResult & {
        isError: boolean;
      };
      expect(result.isError).toBe(true);
      expect(result.content[0]?.text).toContain(
        "not connected to SSN: the SSN token endpoint refused the credential",
      );
      expect(result.content[0]?.text).not.toContain("lacks the scope");
    } finally {
      await server.close();
    }
  });

  it("asking for a scope the credential lacks falls back to what it has, never more than asked", async () => {
    const { tools, status } = await statusWith(
      credentialEnv(emulator, "readonly-client", "readonly-secret", {
        SSN_SCOPES: "sites:write site-visits:read",
      }),
    );
    expect(status.structuredContent.connected).toBe(true);
    expect(tools).toEqual([
      "ssn_status",
      "list_projects",
      "list_items",
      "list_site_visits",
      "get_site_visit",
      "find_visit_by_ticket",
    ]);
  });

  it("an unreachable API: the server starts and says it could not reach it", async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}/api/v1`;
    const { tools, status } = await statusWith(
      serverEnv({
        SSN_ENVIRONMENT: "local",
        SSN_BASE_URL: baseUrl,
        SSN_CLIENT_ID: DEMO.clientId,
        SSN_CLIENT_SECRET: DEMO.clientSecret,
      }),
    );
    expect(tools).toEqual(["ssn_status"]);
    expect(status.structuredContent.problem).toContain("could not reach the SSN API");
    expect(status.content[0]?.text).toContain("not connected");
  });

  it("a placeholder left by the launcher is reported as such, not as a credential", async () => {
    const { status, stderr } = await statusWith(
      serverEnv({
        SSN_ENVIRONMENT: "local",
        SSN_BASE_URL: emulator.baseUrl,
        SSN_CLIENT_ID: "${user_config.client_id}",
        SSN_CLIENT_SECRET: "${user_config.client_secret}",
      }),
    );
    expect(status.structuredContent.problem).toContain(
      "SSN_CLIENT_ID holds the unresolved placeholder ${user_config.client_id}",
    );
    expect(stderr).toContain("unresolved placeholder");
    expect(status.structuredContent.clientId).toBeUndefined();
  });
});
