// Every process the bench starts is registered here, so each one is stopped at the end, after an
// error and on Ctrl-C too, and none outlives the run.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

/** pid → how to stop it politely; removed when the process exits. */
const running = new Map();

/** Stops every process still running: politely first, each within a few seconds. */
export async function stopAll() {
  await Promise.allSettled([...running.values()].map((stop) => stop()));
}

// A crash or an exit without stopAll(): nothing polite is possible any more, so kill what is left.
process.once("exit", () => {
  for (const pid of running.keys()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    process.stderr.write(`bench: ${signal}, stopping the servers\n`);
    stopAll().finally(() => process.exit(130));
  });
}

/** The resident set size of a running process, in KiB, as the kernel reports it. */
export async function residentKib(pid) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
}

/**
 * Waits for `child` to exit; ends its stdin (a stdio server's signal to stop), then SIGTERM (at once
 * for a server without stdin), then SIGKILL, each after `graceMs`.
 */
async function stopChild(child, graceMs = 2000) {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const exit = new Promise((resolve) => (exited() ? resolve() : child.once("exit", resolve)));
  const within = (ms) => Promise.race([exit, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
  if (child.stdin) {
    child.stdin.end();
    await within(graceMs);
  }
  if (!exited()) child.kill("SIGTERM");
  await within(graceMs);
  if (!exited()) child.kill("SIGKILL");
  await exit;
}

/** `node [nodeOptions] <entry> ...args`: how every server here is started. */
const nodeArgs = (server) => [...(server.nodeOptions ?? []), server.entry, ...server.args];

/** Spawns a server with exactly its `env` (nothing inherited but PATH) and registers it. */
export function startNode(server, { stdio = ["pipe", "pipe", "pipe"] } = {}) {
  const child = spawn(process.execPath, nodeArgs(server), {
    env: { PATH: process.env.PATH, ...server.env },
    stdio,
  });
  running.set(child.pid, () => stopChild(child));
  child.once("exit", () => running.delete(child.pid));
  return { child, stop: () => stopChild(child) };
}

const INITIALIZE_PARAMS = {
  protocolVersion: "2025-06-18",
  capabilities: {},
  clientInfo: { name: "ssn-mcp-bench", version: "1" },
};

/**
 * A server over stdio spoken to in raw JSON-RPC lines, so no client library's own time is in what
 * is measured. `initialize()` resolves when its answer arrives.
 */
export function startStdioSession(server, options) {
  const { child, stop } = startNode(server, options);
  const pending = new Map();
  let nextId = 1;
  let buffered = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop();
    for (const line of lines) {
      if (!line.trim()) continue;
      const message = JSON.parse(line);
      const waiter = pending.get(message.id);
      if (waiter === undefined || message.method !== undefined) continue; // a notification or a request
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(`${server.name}: ${JSON.stringify(message.error)}`));
      else waiter.resolve(message.result);
    }
  });
  child.once("exit", (code, signal) => {
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`${server.name} exited (${signal ?? code}) before answering:\n${stderr}`));
    }
    pending.clear();
  });
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    });
  return {
    child,
    stop,
    request,
    initialize: () => request("initialize", INITIALIZE_PARAMS),
    notifyInitialized: () =>
      child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`),
  };
}

/**
 * The SDK's own Client over stdio to `node <entry>`, its process registered like the others;
 * `onStderr` gets what the server writes there.
 */
export async function connectSdkClient(server, { onStderr } = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: nodeArgs(server),
    env: { PATH: process.env.PATH, ...server.env },
    stderr: onStderr ? "pipe" : "ignore",
  });
  transport.stderr?.setEncoding("utf8").on("data", onStderr);
  const client = new Client({ name: "ssn-mcp-bench", version: "1" });
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close();
    throw error;
  }
  const { pid } = transport;
  const close = async () => {
    running.delete(pid);
    await client.close();
  };
  running.set(pid, close);
  return { client, pid, close };
}
