import { GUIDE_MESSAGE, GUIDE_SITE, GUIDE_VISIT_WITH_ASSETS } from "./guide-payloads.js";
/**
 * The guide's first integration path, walked through an MCP client's tool calls. Used by
 * `npm run demo` and by the end-to-end tests with every client they try (v2, v1, 2026-era).
 */

/** The calls the walkthrough makes: the shape both the current and the 1.x SDK clients have. */
export interface WalkthroughClient {
  listTools(): Promise<{ tools: { name: string }[] }>;
  callTool(params: { name: string; arguments?: Record<string, unknown> }): Promise<unknown>;
  readResource(params: { uri: string }): Promise<{ contents: unknown[] }>;
}

export interface ToolOutcome {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

export type Report = (line: string) => void;

export class WalkthroughError extends Error {
  override name = "WalkthroughError";
}

export async function callTool(
  client: WalkthroughClient,
  name: string,
  args: Record<string, unknown>,
  report: Report,
): Promise<ToolOutcome> {
  report(`\n→ ${name} ${JSON.stringify(args)}`);
  const result = (await client.callTool({ name, arguments: args })) as {
    isError?: boolean;
    content?: { type: string; text?: string }[];
    structuredContent?: Record<string, unknown>;
  };
  const text = (result.content ?? []).map((block) => block.text ?? "").join("\n");
  const outcome = { isError: result.isError === true, text, structured: result.structuredContent };
  report(
    text
      .split("\n")
      .map((line) => `  ${outcome.isError ? "✗" : "│"} ${line}`)
      .join("\n"),
  );
  return outcome;
}

function expect(condition: unknown, what: string): asserts condition {
  if (!condition) throw new WalkthroughError(`step did not behave: ${what}`);
}

export interface GuidePathResult {
  siteVisitId: string;
  visit: Record<string, unknown>;
  resourceText: string;
  messageId: string;
}

/** Walks the guide's path as a credential with every scope; throws if any step misbehaves. */
export async function walkGuidePath(client: WalkthroughClient, report: Report): Promise<GuidePathResult> {
  const status = await callTool(client, "ssn_status", {}, report);
  expect(!status.isError && status.structured?.connected === true, "ssn_status reports a working connection");

  const projects = await callTool(client, "list_projects", {}, report);
  const projectIds = (projects.structured?.projects as { id: number }[] | undefined)?.map((p) => p.id) ?? [];
  expect(
    projectIds.includes(GUIDE_VISIT_WITH_ASSETS.projectId),
    `list_projects includes project ${GUIDE_VISIT_WITH_ASSETS.projectId}`,
  );

  const items = await callTool(client, "list_items", {}, report);
  const itemNames = (items.structured?.items as { name: string }[] | undefined)?.map((i) => i.name) ?? [];
  expect(
    itemNames.includes(GUIDE_VISIT_WITH_ASSETS.itemName),
    `list_items includes "${GUIDE_VISIT_WITH_ASSETS.itemName}"`,
  );

  const site = await callTool(client, "create_site", GUIDE_SITE, report);
  expect(!site.isError, "create_site succeeds");

  const created = await callTool(client, "create_site_visit", GUIDE_VISIT_WITH_ASSETS, report);
  const visit = created.structured?.siteVisit as Record<string, unknown> | undefined;
  expect(!created.isError && typeof visit?.id === "string", "create_site_visit returns the new visit");
  const assetIds = (visit.siteVisitAssets as { siteAssetId: number }[]).map((a) => a.siteAssetId);
  expect(assetIds.join() === "456,457", "the visit has assets 456 and 457");
  const siteVisitId = visit.id;

  const found = await callTool(
    client,
    "find_visit_by_ticket",
    { clientTicketNumber: GUIDE_VISIT_WITH_ASSETS.clientTicketNumber },
    report,
  );
  const foundVisit = found.structured?.siteVisit as { id?: string } | null | undefined;
  expect(foundVisit?.id === siteVisitId, "find_visit_by_ticket finds the same visit");

  const uri = `ssn://site-visits/${siteVisitId}`;
  report(`\n→ read resource ${uri}`);
  const resource = await client.readResource({ uri });
  const resourceText = (resource.contents[0] as { text?: string } | undefined)?.text ?? "";
  report(`  │ ${resourceText.split("\n").slice(0, 6).join("\n  │ ")}\n  │ …`);
  expect(
    resourceText.includes("siteVisitAssets") && resourceText.includes("assetsToService"),
    "the resource holds the assets",
  );

  const message = await callTool(client, "add_message", { siteVisitId, ...GUIDE_MESSAGE }, report);
  const messageId = (message.structured?.message as { id?: string } | undefined)?.id;
  expect(!message.isError && typeof messageId === "string", "add_message succeeds");
  return { siteVisitId, visit, resourceText, messageId };
}

export const WRITE_TOOLS = ["create_site", "create_site_visit", "assign_assets", "add_message"];

/** As a read-only credential: the write tools are hidden, and a forced write call is refused. */
export async function walkReadOnly(client: WalkthroughClient, report: Report): Promise<ToolOutcome> {
  const { tools } = await client.listTools();
  const names = tools.map((tool) => tool.name);
  report(`\n→ tools/list as a read-only credential\n  │ ${names.join(", ")}`);
  expect(
    WRITE_TOOLS.every((name) => !names.includes(name)),
    "no write tool is listed for a read-only credential",
  );
  const refused = await callTool(client, "create_site", { ...GUIDE_SITE, siteCode: "READONLY-1" }, report);
  expect(
    refused.isError && refused.text.includes("sites:write"),
    "a forced write is refused naming sites:write",
  );
  return refused;
}
