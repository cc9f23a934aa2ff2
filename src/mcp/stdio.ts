import { StdioServerTransport, serveStdio } from "@modelcontextprotocol/server/stdio";
import type { Runtime } from "./runtime.js";
import { createMcpServer } from "./server.js";

const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Serves MCP over stdin/stdout (both protocol eras) until the client goes away or a signal comes. */
export function serveOverStdio(runtime: Runtime, onClosed: () => Promise<void>): void {
  const handle = serveStdio(
    async () => {
      await runtime.settled();
      return createMcpServer(runtime, { allowFilePaths: true });
    },
    {
      // Room for a 10 MiB file sent as base64 inside one JSON-RPC message.
      transport: new StdioServerTransport(undefined, undefined, { maxBufferSize: MAX_MESSAGE_BYTES }),
      onerror: (error) => runtime.logger.error(`stdio transport: ${error.message}`),
    },
  );
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await handle.close();
    await onClosed();
  };
  process.stdin.once("end", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}
