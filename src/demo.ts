import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { demoCredential } from "./demo/credentials.js";
import { walkGuidePath, walkReadOnly } from "./demo/walkthrough.js";
import { startEmulator } from "./emulator/index.js";

/**
 * `npm run demo`: starts the SSN emulator, spawns the built ssn-mcp over stdio, and walks the
 * guide's path with the SDK's real client; then shows a read-only credential's limits.
 * Exits 0 only if every step behaved.
 */
const report = (line: string) => process.stdout.write(`${line}\n`);
const serverEntry = fileURLToPath(new URL("./cli.js", import.meta.url));

async function connectAs(
  baseUrl: string,
  credential: { clientId: string; clientSecret: string },
): Promise<Client> {
  const client = new Client({ name: "ssn-mcp-demo", version: "1.0.0" });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [serverEntry],
    env: {
      PATH: process.env.PATH ?? "",
      SSN_ENVIRONMENT: "local",
      SSN_BASE_URL: baseUrl,
      SSN_CLIENT_ID: credential.clientId,
      SSN_CLIENT_SECRET: credential.clientSecret,
      SSN_LOG_LEVEL: "warning",
    },
    stderr: "inherit",
  });
  await client.connect(transport);
  return client;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  report(`SSN emulator running at ${emulator.baseUrl} with the demo seed.`);
  try {
    report("\n== As demo-client (every scope): the guide's first integration path ==");
    const full = await connectAs(emulator.baseUrl, demoCredential("demo-client"));
    try {
      await walkGuidePath(full, report);
    } finally {
      await full.close();
    }

    report("\n== As readonly-client (sites:read site-visits:read messages:read) ==");
    const readOnlyCredential = demoCredential("readonly-client");
    const readOnly = await connectAs(emulator.baseUrl, readOnlyCredential);
    try {
      await walkReadOnly(readOnly, report);
    } finally {
      await readOnly.close();
    }
    const log = (await (await fetch(new URL("/_emulator/requests", emulator.baseUrl))).json()) as {
      data: { method: string; path: string; clientId?: string }[];
    };
    const leaked = log.data.filter(
      (r) => r.clientId === readOnlyCredential.clientId && r.method === "POST" && r.path.endsWith("/sites"),
    );
    if (leaked.length > 0) throw new Error("the refused write reached the API");
    report("  │ The emulator's request log shows no request for the refused write: it never left ssn-mcp.");
    report("\nDemo complete: every step behaved.");
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
