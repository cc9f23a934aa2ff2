import { z } from "zod";
import { ENVIRONMENT_NAMES } from "../../contract/environments.js";
import { SCOPES } from "../../contract/scopes.js";
import { defineTool, READ_ONLY } from "../tool.js";

const scope = z.enum(SCOPES);

export const ssnStatus = defineTool({
  name: "ssn_status",
  title: "SSN connection status",
  description:
    "Shows how ssn-mcp is connected to SSN: environment, base URL, client id, granted scopes, the tools available and the ones hidden with the scope each lacks, token expiry, and any problem with the credential. Call it first when a tool is missing or a call is refused.",
  requiredScopes: [],
  toolset: undefined,
  annotations: { ...READ_ONLY, openWorldHint: false },
  input: z.strictObject({}),
  output: z.object({
    environment: z.enum(ENVIRONMENT_NAMES as [string]).describe("SSN environment"),
    baseUrl: z.string().describe("API base URL"),
    clientId: z.string().optional().describe("Client id of the credential (never the secret)"),
    localSandbox: z.boolean().describe("True when running against the built-in emulator"),
    connected: z.boolean().describe("True when a token was had and no problem is known"),
    problem: z.string().optional().describe("What is wrong and what to do, when something is"),
    grantedScopes: z.array(scope).describe("Scopes the tools may use"),
    scopeSource: z
      .enum(["token", "configured", "unknown", "no-token"])
      .describe("Where the granted scopes came from: the token response, SSN_SCOPES, or nowhere yet"),
    readOnly: z.boolean().describe("True when SSN_READ_ONLY withholds every write"),
    tokenExpiresAt: z.string().optional().describe("When the current token expires (UTC)"),
    visibleTools: z.array(z.string()).describe("Tools available now"),
    hiddenTools: z
      .array(
        z.object({
          name: z.string().describe("Tool name"),
          missingScopes: z.array(scope).describe("Scopes it needs that are not granted"),
          reason: z.string().describe("Why it is hidden"),
        }),
      )
      .describe("Tools not available, with the reason"),
  }),
  async run(_input, ctx) {
    return ctx.status();
  },
  render(status) {
    const lines = [
      `SSN ${status.environment} at ${status.baseUrl}${status.localSandbox ? " (local sandbox: the built-in emulator)" : ""}`,
      `Client: ${status.clientId ?? "none configured"} · ${status.connected ? "connected" : "not connected"}`,
    ];
    if (status.problem) lines.push(`Problem: ${status.problem}`);
    lines.push(`Granted scopes (${status.scopeSource}): ${status.grantedScopes.join(" ") || "none"}`);
    if (status.readOnly) lines.push("Read-only: SSN_READ_ONLY is set");
    if (status.tokenExpiresAt) lines.push(`Token expires ${status.tokenExpiresAt}`);
    lines.push(`Available tools: ${status.visibleTools.join(", ")}`);
    for (const hidden of status.hiddenTools) lines.push(`Hidden: ${hidden.name} — ${hidden.reason}`);
    return lines.join("\n");
  },
});
