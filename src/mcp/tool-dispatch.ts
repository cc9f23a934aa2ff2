import type { McpServer, Server, ServerContext } from "@modelcontextprotocol/server";
import { ProtocolError, ProtocolErrorCode } from "@modelcontextprotocol/server";
import type { SsnClient } from "../ssn/client.js";
import { normalizeArguments } from "./arguments.js";
import { describeFailure } from "./error-result.js";
import { publishedJsonSchema } from "./json-schema.js";
import type { Runtime } from "./runtime.js";
import { clip, sanitizeDeep } from "./sanitize.js";
import type { FileAccess, ToolContext, ToolDefinition } from "./tool.js";

/** Upper bound on the readable text of one result; the structured content carries the rest. */
const MAX_TEXT = 4_000;

interface PublishedTool {
  listing: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
}

/** Converts each tool's schemas once per process, not per connection or per list. */
const published = new WeakMap<ToolDefinition, PublishedTool>();

function publish(tool: ToolDefinition): PublishedTool {
  let entry = published.get(tool);
  if (!entry) {
    const outputSchema = publishedJsonSchema(tool.output, "output");
    entry = {
      outputSchema,
      listing: {
        name: tool.name,
        title: tool.title,
        description: tool.description,
        inputSchema: publishedJsonSchema(tool.input, "input"),
        outputSchema,
        annotations: { title: tool.title, ...tool.annotations },
      },
    };
    published.set(tool, entry);
  }
  return entry;
}

/** The `tools/list` entries this process publishes for `tools`: one definition of what clients see. */
export function toolListing(tools: readonly ToolDefinition[]): Record<string, unknown>[] {
  return tools.map((tool) => publish(tool).listing);
}

/**
 * The one registration path for tools: lists only what the credential may use, refuses anything
 * else before a request leaves the process, normalizes arguments, maps every failure to a tool
 * error a model can act on, renders the text, and logs the call.
 */
export function installTools(server: McpServer, runtime: Runtime, files: FileAccess): void {
  const lowLevel = server.server;
  lowLevel.registerCapabilities({ tools: { listChanged: true } });

  lowLevel.setRequestHandler("tools/list", () => ({
    tools: toolListing(runtime.partition().visible) as never,
  }));

  lowLevel.setRequestHandler("tools/call", async (request, ctx) => {
    const { name } = request.params;
    const tool = runtime.tools.find((candidate) => candidate.name === name);
    if (!tool) {
      const known = runtime.partition().visible.map((t) => t.name);
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Unknown tool "${name}". Available tools: ${known.join(", ")}`,
      );
    }
    const { outputSchema } = publish(tool);
    const started = performance.now();
    const finish = (text: string, isError: boolean, structuredContent?: Record<string, unknown>) => {
      const took = Math.round(performance.now() - started);
      const line = `${name} ${isError ? `failed in ${took} ms: ${text}` : `succeeded in ${took} ms`}`;
      // stderr only: on a shared HTTP server other callers must not see it, and a notification per
      // call would cost every client a message it never asked for.
      runtime.logger.local("debug", line);
      const result = { content: [{ type: "text" as const, text: runtime.logger.redact(text) }], isError };
      if (isError || !structuredContent) return result;
      return lowLevel.projectCallToolResult({ ...result, structuredContent }, outputSchema);
    };

    const hidden = runtime.partition().hidden.find((entry) => entry.name === name);
    if (hidden) {
      return finish(
        `${name} is not available, and nothing was sent to SSN: ${hidden.reason}. Call ssn_status to see the granted scopes and the available tools.`,
        true,
      );
    }
    try {
      const args = normalizeArguments(tool.input, request.params.arguments);
      if (!args.ok) {
        return finish(
          `Invalid arguments for ${name}; nothing was sent to SSN:\n- ${args.problems.join("\n- ")}`,
          true,
        );
      }
      const output = sanitizeDeep(await tool.run(args.value, toolContext(runtime, lowLevel, ctx, files)));
      const checked = tool.output.safeParse(output);
      if (!checked.success) {
        runtime.logger.error(
          `${name} produced output that does not match its schema: ${checked.error.message}`,
        );
        return finish(`${name} failed: the SSN API's answer could not be read (see the server log).`, true);
      }
      return finish(
        clip(tool.render(checked.data), MAX_TEXT),
        false,
        checked.data as Record<string, unknown>,
      );
    } catch (error) {
      return finish(describeFailure(tool, error), true);
    }
  });
}

function toolContext(
  runtime: Runtime,
  server: Server,
  request: ServerContext,
  files: FileAccess,
): ToolContext {
  const progressToken = request.mcpReq._meta?.progressToken;
  return {
    get ssn(): SsnClient {
      if (!runtime.client) throw new Error("no SSN credential is configured");
      return runtime.client;
    },
    status: () => runtime.status(),
    signal: request.mcpReq.signal,
    progress: async (progress, total, message) => {
      if (progressToken === undefined) return;
      await request.mcpReq.notify({
        method: "notifications/progress",
        params: { progressToken, progress, total, message },
      });
    },
    files,
    confirm: async (message) => {
      if (!server.getClientCapabilities()?.elicitation) return undefined;
      try {
        const answer = await request.mcpReq.elicitInput({
          mode: "form",
          message,
          requestedSchema: {
            type: "object",
            properties: { confirm: { type: "boolean", title: "Confirm", description: message } },
            required: ["confirm"],
          },
        });
        return answer.action === "accept" && answer.content?.confirm === true;
      } catch {
        return undefined;
      }
    },
  };
}
