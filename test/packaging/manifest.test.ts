import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { hasRequiredConfigMissing, type McpbManifestAny } from "@anthropic-ai/mcpb";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MCPB_CLI = join(ROOT, "node_modules/@anthropic-ai/mcpb/dist/cli/cli.js");

async function readManifest(): Promise<McpbManifestAny> {
  return JSON.parse(await readFile(join(ROOT, "manifest.json"), "utf8")) as McpbManifestAny;
}

/** `node scripts/manifest.mjs --check [file]`: exit code and what it printed. */
async function checkManifest(file?: string): Promise<{ code: number; stderr: string }> {
  const args = [join(ROOT, "scripts/manifest.mjs"), "--check", ...(file ? [file] : [])];
  return run(process.execPath, args).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

describe("manifest.json", () => {
  it("passes mcpb validate", async () => {
    const { stdout } = await run(process.execPath, [MCPB_CLI, "validate", "manifest.json"], { cwd: ROOT });
    expect(stdout).toContain("Manifest schema validation passes!");
    expect(stdout).not.toContain("ERROR");
  });

  it("has the version, tools and prompts of the code (the message names the command that regenerates it)", async () => {
    const { code, stderr } = await checkManifest();
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("the drift check names what differs and the command that fixes it", async () => {
    const manifest = await readManifest();
    const [firstTool, ...otherTools] = manifest.tools ?? [];
    const dir = await mkdtemp(join(tmpdir(), "ssn-mcp-drift-"));
    try {
      const stale = join(dir, "manifest.json");
      await writeFile(stale, JSON.stringify({ ...manifest, version: "0.0.1", tools: otherTools }));
      const { code, stderr } = await checkManifest(stale);
      expect(code).toBe(1);
      expect(stderr).toContain('version is "0.0.1"');
      expect(stderr).toContain(`tools: ${firstTool?.name} is missing`);
      expect(stderr).toContain("Regenerate it with: npm run manifest");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("asks for the credential before the server starts, and hands every setting to the server", async () => {
    const manifest = await readManifest();
    expect(hasRequiredConfigMissing({ manifest, userConfig: {} })).toBe(true);
    expect(
      hasRequiredConfigMissing({ manifest, userConfig: { client_id: "id", client_secret: "secret" } }),
    ).toBe(false);
    expect(manifest.user_config?.client_secret?.sensitive).toBe(true);
    const mcpConfig = JSON.stringify(manifest.server.mcp_config);
    for (const key of Object.keys(manifest.user_config ?? {})) {
      expect(mcpConfig).toContain(`\${user_config.${key}}`);
    }
  });
});
