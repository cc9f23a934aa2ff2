// Context cost: o200k tokens of each server's whole `tools/list` result as a client receives it, per
// tool, and of the part most clients put in front of the model (name, description, input schema),
// plus how many input properties carry no description (a model has to guess those).
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";
import { startStdioSession } from "./lib/processes.mjs";
import { round } from "./lib/stats.mjs";
import { count, formatTable, times } from "./lib/table.mjs";

async function listTools(server) {
  const session = startStdioSession(server);
  try {
    await session.initialize();
    session.notifyInitialized();
    const tools = [];
    let cursor;
    do {
      const page = await session.request("tools/list", cursor ? { cursor } : {});
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  } finally {
    await session.stop();
  }
}

/** Every property of an input schema, nested objects and array items included: [described, total]. */
function describedProperties(schema) {
  let described = 0;
  let total = 0;
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    for (const property of Object.values(node.properties ?? {})) {
      total++;
      if (typeof property.description === "string" && property.description.trim()) described++;
      visit(property);
    }
    visit(node.items);
    for (const key of ["anyOf", "oneOf", "allOf"]) for (const branch of node[key] ?? []) visit(branch);
  };
  visit(schema);
  return [described, total];
}

const modelFacing = ({ name, description, inputSchema }) => ({ name, description, inputSchema });

/** `servers[0]` (ssn-mcp) is the reference for the ratios. */
export async function measureContextCost(servers, { progress = () => {} } = {}) {
  const measured = [];
  for (const server of servers) {
    progress(`context cost: tools/list of ${server.name}`);
    const tools = await listTools(server);
    const perTool = tools.map((tool) => {
      const [described, properties] = describedProperties(tool.inputSchema);
      return {
        name: tool.name,
        tokens: countTokens(JSON.stringify(tool)),
        modelFacingTokens: countTokens(JSON.stringify(modelFacing(tool))),
        properties,
        undescribed: properties - described,
      };
    });
    const sum = (key) => perTool.reduce((total, tool) => total + tool[key], 0);
    measured.push({
      name: server.name,
      ...(server.package && { package: server.package }),
      tools: tools.length,
      totalTokens: countTokens(JSON.stringify({ tools })),
      modelFacingTokens: sum("modelFacingTokens"),
      properties: sum("properties"),
      undescribed: sum("undescribed"),
      perTool,
    });
  }
  const [reference] = measured;
  return {
    tokenizer: "o200k_base",
    reference: reference.name,
    servers: measured.map((server) => ({
      ...server,
      tokensPerTool: round(server.totalTokens / server.tools, 1),
      modelFacingPerTool: round(server.modelFacingTokens / server.tools, 1),
      perToolRatio: round(server.totalTokens / server.tools / (reference.totalTokens / reference.tools)),
      modelFacingPerToolRatio: round(
        server.modelFacingTokens / server.tools / (reference.modelFacingTokens / reference.tools),
      ),
    })),
  };
}

export function formatContextCost({ tokenizer, reference, servers }) {
  return [
    `### Context cost: ${tokenizer} tokens of tools/list (whole result, and name + description + input schema alone)`,
    "",
    formatTable(
      [
        { title: "server" },
        { title: "tools", right: true },
        { title: "tools/list", right: true },
        { title: "per tool", right: true },
        { title: `per tool × ${reference}`, right: true },
        { title: "model-facing", right: true },
        { title: "per tool", right: true },
        { title: `per tool × ${reference}`, right: true },
        { title: "undescribed properties", right: true },
      ],
      servers.map((s) => [
        s.name,
        s.tools,
        count(s.totalTokens),
        count(s.tokensPerTool),
        times(s.perToolRatio),
        count(s.modelFacingTokens),
        count(s.modelFacingPerTool),
        times(s.modelFacingPerToolRatio),
        `${s.undescribed} of ${s.properties}`,
      ]),
    ),
  ].join("\n");
}
