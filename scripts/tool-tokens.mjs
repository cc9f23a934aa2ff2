// Prints the context cost of ssn-mcp's tools/list in o200k tokens, in total and per tool, as the
// Markdown table of README.md's "Context cost" section. `npm run tokens` builds first; the schema
// tests check that this listing is byte for byte what an SDK client receives.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { toolListing } from "../dist/mcp/tool-dispatch.js";
import { TOOLS } from "../dist/mcp/tools/index.js";

const tools = toolListing(TOOLS);
const total = countTokens(JSON.stringify({ tools }));
// What most clients put in front of the model: the output schema usually stays with the client.
const modelFacing = ({ name, description, inputSchema }) =>
  countTokens(JSON.stringify({ name, description, inputSchema }));

const rows = tools.map(
  (tool) => `| \`${tool.name}\` | ${countTokens(JSON.stringify(tool))} | ${modelFacing(tool)} |`,
);
const lines = [
  "| tool | whole `tools/list` entry | name, description and input schema |",
  "|---|---:|---:|",
  ...rows,
  `| **all ${tools.length} tools** (the whole \`tools/list\` result) | **${total}** | ${tools.map(modelFacing).reduce((a, b) => a + b, 0)} |`,
];
process.stdout.write(`${lines.join("\n")}\n`);
