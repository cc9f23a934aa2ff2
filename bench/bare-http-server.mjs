// The bare one-tool server over stateless Streamable HTTP on a free loopback port, like
// `ssn-mcp http --port 0 --stateless`: how many calls per second the SDK itself can serve here.
import { createServer } from "node:http";
import { toNodeHandler } from "@modelcontextprotocol/node";
import { createMcpHandler } from "@modelcontextprotocol/server";
import { createBareServer } from "./bare-tool.mjs";

const serveMcp = toNodeHandler(createMcpHandler(createBareServer, { legacy: "stateless" }));
const server = createServer((req, res) => void serveMcp(req, res));
server.listen(0, "127.0.0.1", () => {
  process.stderr.write(`listening on http://127.0.0.1:${server.address().port}/mcp\n`);
});
// SIGTERM ends the process normally, so that a CPU profile (bench/profile.mjs) gets written.
process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
