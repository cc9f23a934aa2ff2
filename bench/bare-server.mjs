// The bare one-tool server over stdio: the floor for ssn-mcp's cold start, tool calls and memory.
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { createBareServer } from "./bare-tool.mjs";

serveStdio(createBareServer);
