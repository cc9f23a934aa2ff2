import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport as V1StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { type ClientKind, type ConnectedServer, SERVER_ENTRY } from "../e2e/harness.js";

export const MCP_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

export const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};

/** `ssn-mcp http` spawned from dist/cli.js. */
export interface HttpServerProcess {
  /** The MCP endpoint, from the server's own "listening on" line. */
  url: string;
  origin: string;
  stderr(): string;
  /** Resolves with the line once the server wrote one containing `text`. */
  waitForLine(text: string): Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `ssn-mcp http --port 0 …args` and resolves once it says where it listens. */
export async function startHttpServer(
  env: Record<string, string>,
  args: string[] = [],
): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [SERVER_ENTRY, "http", "--port", "0", ...args], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitForLine = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = stderr.split("\n").find((candidate) => candidate.includes(text));
        if (line === undefined) return;
        waiters.delete(check);
        resolve(line);
      };
      waiters.add(check);
      check();
      void exited.then(() => {
        if (waiters.delete(check)) reject(new Error(`the server exited before "${text}":\n${stderr}`));
      });
    });
  const line = await waitForLine("listening on ");
  const url = /listening on (\S+)/.exec(line)?.[1] ?? "";
  return {
    url,
    origin: new URL(url).origin,
    stderr: () => stderr,
    waitForLine,
    exited,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Runs `ssn-mcp http …args` expecting it to refuse to start; resolves with its exit code and stderr. */
export async function startRefused(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [SERVER_ENTRY, "http", ...args], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, stderr };
}

export interface HttpClient {
  client: ConnectedServer["client"];
  /** Resolves on the next `notifications/tools/list_changed`. */
  toolsChanged(): Promise<void>;
  sessionId(): string | undefined;
  /** DELETE the session (2025-era clients). */
  terminateSession(): Promise<void>;
  close(): Promise<void>;
}

/** Connects one of the SDK's clients over Streamable HTTP, optionally with a bearer token. */
export async function connectHttp(url: string, kind: ClientKind, token?: string): Promise<HttpClient> {
  const requestInit = token ? { headers: { authorization: `Bearer ${token}` } } : undefined;
  if (kind === "v1") {
    const transport = new V1StreamableHTTPClientTransport(new URL(url), { requestInit });
    const client = new V1Client({ name: "ssn-mcp-http-test-v1", version: "1.0.0" });
    await client.connect(transport);
    return {
      client: client as unknown as HttpClient["client"],
      toolsChanged: () =>
        new Promise((resolve) =>
          client.setNotificationHandler(ToolListChangedNotificationSchema, () => resolve()),
        ),
      sessionId: () => transport.sessionId,
      terminateSession: () => transport.terminateSession(),
      close: () => client.close(),
    };
  }
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit });
  const client = new Client(
    { name: "ssn-mcp-http-test", version: "1.0.0" },
    kind === "v2-modern" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {},
  );
  await client.connect(transport);
  return {
    client: client as unknown as HttpClient["client"],
    toolsChanged: () =>
      new Promise((resolve) =>
        client.setNotificationHandler("notifications/tools/list_changed", () => resolve()),
      ),
    sessionId: () => transport.sessionId,
    terminateSession: () => transport.terminateSession(),
    close: () => client.close(),
  };
}

/** A loopback port nobody listens on right now (for settings that must name it before start). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `check` on every turn of the event loop until it holds (no fixed sleeps). */
export async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setImmediate(resolve));
}

/** A throwaway redis-server (Debian's package) on a free loopback port, nothing persisted. */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    child.once("error", reject);
    child.once("exit", () => reject(new Error(`redis-server exited:\n${output}`)));
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) resolve();
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
