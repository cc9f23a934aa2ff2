import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as V1StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { demoCredential } from "../../src/demo/credentials.js";
import type { WalkthroughClient } from "../../src/demo/walkthrough.js";
import { startEmulator } from "../../src/emulator/index.js";

export const SERVER_ENTRY = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string> | string;
  clientId: string | null;
  status: number | null;
  idempotencyKey: string | null;
  replayed: boolean;
}

export interface TestEmulator {
  baseUrl: string;
  origin: string;
  requests(): Promise<RequestLogEntry[]>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** The real emulator on a free loopback port. */
export async function startTestEmulator(
  options: Parameters<typeof startEmulator>[0] = {},
): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, ...options });
  const origin = new URL(emulator.baseUrl).origin;
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${origin}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    baseUrl: emulator.baseUrl,
    origin,
    control,
    async requests() {
      return ((await (await control("GET", "/requests")).json()) as { data: RequestLogEntry[] }).data;
    },
    close: () => emulator.close(),
  };
}

export type ClientKind = "v2" | "v2-modern" | "v1";

export interface ConnectedServer {
  client: WalkthroughClient & {
    listTools(): Promise<{ tools: ListedTool[] }>;
    readResource(params: { uri: string }): Promise<{ contents: { uri: string; text?: string }[] }>;
    listResources(): Promise<{ resources: { uri: string; name: string }[] }>;
  };
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

export interface ListedTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
}

/** Environment for the server: only what it needs, so the developer's own SSN_* never leak in. */
export function serverEnv(vars: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ...vars };
}

export function credentialEnv(emulator: TestEmulator, clientId: string, clientSecret: string, extra = {}) {
  return serverEnv({
    SSN_ENVIRONMENT: "local",
    SSN_BASE_URL: emulator.baseUrl,
    SSN_CLIENT_ID: clientId,
    SSN_CLIENT_SECRET: clientSecret,
    ...extra,
  });
}

/** Spawns the built ssn-mcp over real stdio and connects the given SDK client to it. */
export async function connectServer(
  env: Record<string, string>,
  kind: ClientKind = "v2",
  args: string[] = [],
): Promise<ConnectedServer> {
  let stderr = "";
  const params = { command: process.execPath, args: [SERVER_ENTRY, ...args], env, stderr: "pipe" as const };
  if (kind === "v1") {
    const transport = new V1StdioClientTransport(params);
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const client = new V1Client({ name: "ssn-mcp-test-v1", version: "1.0.0" });
    await client.connect(transport);
    return {
      client: client as unknown as ConnectedServer["client"],
      stderr: () => stderr,
      close: () => client.close(),
    };
  }
  const transport = new StdioClientTransport(params);
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client(
    { name: "ssn-mcp-test", version: "1.0.0" },
    kind === "v2-modern" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {},
  );
  await client.connect(transport);
  return {
    client: client as unknown as ConnectedServer["client"],
    stderr: () => stderr,
    close: () => client.close(),
  };
}

export const DEMO = demoCredential("demo-client");
export const READONLY = demoCredential("readonly-client");
export const OTHER = demoCredential("other-client");
