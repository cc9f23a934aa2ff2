import { StdioServerTransport, serveStdio } from "@modelcontextprotocol/server/stdio";
import type { Runtime } from "./runtime.js";
import { createMcpServer } from "./server.js";

/** Room for a 10 MiB file sent as base64 inside one JSON-RPC message. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/** A stdio transport that reports its end, whatever the cause: stdin closed, an oversized message, stdout gone. */
class EndingStdioTransport extends StdioServerTransport {
  constructor(private readonly onEnd: () => void) {
    super(undefined, undefined, { maxBufferSize: MAX_MESSAGE_BYTES });
  }

  override async close(): Promise<void> {
    await super.close();
    this.onEnd();
  }
}

/**
 * Serves MCP over stdin/stdout (both protocol eras). The process ends with the connection: when the
 * client goes away, the transport fails, or a signal comes.
 */
export function serveOverStdio(runtime: Runtime, onClosed: () => Promise<void>): void {
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await handle.close();
    await onClosed();
  };
  const handle = serveStdio(
    async ({ era }) => {
      await runtime.settled();
      return createMcpServer(runtime, { allowFilePaths: true, era });
    },
    {
      transport: new EndingStdioTransport(() => void shutdown()),
      // The SDK's messages for malformed input can run to dozens of lines; the first says what happened.
      onerror: (error) => runtime.logger.warning(`stdio: ${error.message.split("\n")[0]}`),
    },
  );
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
}
