import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { beforeAll, describe, expect, it } from "vitest";
import { toolListing } from "../../src/mcp/tool-dispatch.js";
import { TOOLS } from "../../src/mcp/tools/index.js";
import { fetchToolList, type ToolList } from "./tool-list.js";

/**
 * Every tool definition sits in the model's context on every turn, so the whole `tools/list`
 * has a budget (issue 8), counted with a real tokenizer (o200k_base) on the JSON the client
 * receives. `npm run tokens` prints the same figures for README.md's "Context cost" section.
 */
const BUDGET = 8_000;

let listed: ToolList;
beforeAll(async () => {
  listed = await fetchToolList();
});

describe("the token budget of tools/list", () => {
  it(`stays within ${BUDGET.toLocaleString("en-US")} o200k tokens for the full tool set`, () => {
    const total = countTokens(JSON.stringify(listed));
    const lines = listed.tools.map(
      (tool) => `  ${tool.name.padEnd(24)} ${countTokens(JSON.stringify(tool))}`,
    );
    process.stdout.write(
      `\ntools/list: ${total} o200k tokens for ${listed.tools.length} tools (budget ${BUDGET})\n${lines.join("\n")}\n`,
    );
    expect(total).toBeLessThanOrEqual(BUDGET);
  });

  it("is the list `npm run tokens` counts, so the README figures are the client's", () => {
    expect(JSON.stringify(listed)).toBe(JSON.stringify({ tools: toolListing(TOOLS) }));
  });
});
