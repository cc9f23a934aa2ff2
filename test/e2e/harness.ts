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

/** A tool call's result as the tests read it. */
export interface ToolResult {
  isError?: boolean;
  content: { text: string }[];
  // biome-ignore lint/suspicious/noExplicitAny: the tests read fields each tool's outputSchema promises
  structuredContent: Record<string, any>;
}

/** Every read-only tool, in the order tools/list gives them: what a credential with every read scope sees. */
export const READ_TOOLS = [
  "ssn_status",
  "list_projects",
  "list_items",
  "list_sites",
  "get_site",
  "list_site_visits",
  "get_site_visit",
  "find_visit_by_ticket",
  "list_messages",
  "get_message",
];

/** An access token straight from the emulator, for tests that set data up or read it back directly. */
export async function fetchToken(
  emulator: TestEmulator,
  credential: { clientId: string; clientSecret: string },
) {
  const response = await fetch(`${emulator.baseUrl}/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: credential.clientId,
      client_secret: credential.clientSecret,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
