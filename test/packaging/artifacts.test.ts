import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { getMcpConfigForManifest, type McpbManifestAny, unpackExtension } from "@anthropic-ai/mcpb";
import { Client } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, serverEnv, startTestEmulator, type TestEmulator } from "../e2e/harness.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { version: string };

/** Only PATH (with this Node first) and a private HOME: no npm_config_* from an outer `npm test`. */
function isolatedEnv(home: string): Record<string, string> {
  return { PATH: [dirname(process.execPath), process.env.PATH].join(delimiter), HOME: home };
}

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

interface Session {
  client: Client;
  stderr(): string;
}

/** Starts a server over stdio and connects the SDK's real client to it. */
async function connect(command: string, args: string[], env: Record<string, string>): Promise<Session> {
  let stderr = "";
  const transport = new StdioClientTransport({ command, args, env, stderr: "pipe" });
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: "ssn-mcp-packaging-test", version: "1.0.0" });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

// The artifacts are built once for this file: the .mcpb (unpacked) and the npm tarball (installed).
let work: string;
let unpacked: string;
let installed: string;
let manifest: McpbManifestAny;
let emulator: TestEmulator;
/** For npm, npx and the installed bin: see isolatedEnv. */
let userEnv: Record<string, string>;
const sessions: Session[] = [];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "ssn-mcp-packaging-"));
  const home = join(work, "home");
  await mkdir(home);
  userEnv = isolatedEnv(home);
  await Promise.all([
    run(process.execPath, [join(ROOT, "scripts/pack.mjs"), "--out-dir", work]),
    run("npm", ["pack", "--silent", "--pack-destination", work], { cwd: ROOT, env: userEnv }),
  ]);

  unpacked = join(work, "mcpb");
  expect(
    await unpackExtension({
      mcpbPath: join(work, `ssn-mcp-${version}.mcpb`),
      outputDir: unpacked,
      silent: true,
    }),
  ).toBe(true);
  manifest = JSON.parse(await readFile(join(unpacked, "manifest.json"), "utf8")) as McpbManifestAny;

  // An empty project and an empty npm cache, offline: the install may need nothing but the tarball.
  installed = join(work, "install");
  await mkdir(installed);
  await writeFile(join(installed, "package.json"), '{ "name": "empty", "private": true }\n');
  await run(
    "npm",
    ["install", "--offline", "--cache", join(work, "npm-cache"), join(work, `ssn-mcp-${version}.tgz`)],
    { cwd: installed, env: userEnv },
  );

  emulator = await startTestEmulator();
}, 120_000);

afterAll(async () => {
  await Promise.all(sessions.map((session) => session.client.close()));
  await emulator?.close();
  await rm(work, { recursive: true, force: true });
});

describe("the MCP bundle (.mcpb)", () => {
  it("holds the manifest, its icon, the license and the server with its chunks, nothing else", async () => {
    const files = await filesUnder(unpacked);
    const chunkDir = `${dirname(manifest.server.entry_point)}/chunks/`;
    expect(files.filter((file) => !file.startsWith(chunkDir))).toEqual(
      ["LICENSE", "icon.png", "manifest.json", manifest.server.entry_point].sort(),
    );
  });

  it("started as its mcp_config says, with the user's settings, answers initialize and tools/list", async () => {
    const mcpConfig = await getMcpConfigForManifest({
      manifest,
      extensionPath: unpacked,
      systemDirs: {},
      userConfig: {
        client_id: DEMO.clientId,
        client_secret: DEMO.clientSecret,
        environment: "local",
        base_url: emulator.baseUrl,
        file_roots: [unpacked],
      },
      pathSeparator: "/",
    });
    expect(mcpConfig?.command).toBe("node");
    // A multi-valued setting reaches the server only as arguments: here, the file roots.
    expect(mcpConfig?.args).toEqual([join(unpacked, manifest.server.entry_point), unpacked]);
    expect(mcpConfig?.env).toMatchObject({ SSN_CLIENT_ID: DEMO.clientId, SSN_BASE_URL: emulator.baseUrl });

    // "node" is the launcher's own Node (Claude Desktop ships one); here it is the Node running the tests.
    const session = await connect(process.execPath, mcpConfig?.args ?? [], serverEnv(mcpConfig?.env ?? {}));
    sessions.push(session);
    expect(session.client.getServerVersion()).toMatchObject({ name: "ssn-mcp", version });
    const { tools } = await session.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(manifest.tools?.map((tool) => tool.name));
    const status = await session.client.callTool({ name: "ssn_status", arguments: {} });
    expect(status.structuredContent).toMatchObject({ connected: true, clientId: DEMO.clientId });

    // With every scope granted the server serves every prompt, and those are the manifest's.
    const prompts = session.client.getServerCapabilities()?.prompts
      ? (await session.client.listPrompts()).prompts.map((prompt) => prompt.name)
      : [];
    expect(prompts).toEqual(manifest.prompts?.map((prompt) => prompt.name));
  });

  it("with placeholders the launcher left unresolved, starts, says so in one line and lists ssn_status", async () => {
    const entry = join(unpacked, manifest.server.entry_point);
    const env = { ...manifest.server.mcp_config?.env, SSN_CLIENT_SECRET: "__encrypted__:c2VjcmV0LXZhbHVl" };
    const session = await connect(process.execPath, [entry], serverEnv(env));
    sessions.push(session);
    const { tools } = await session.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["ssn_status"]);
    const status = await session.client.callTool({ name: "ssn_status", arguments: {} });
    const problem = "SSN_CLIENT_ID holds the unresolved placeholder ${user_config.client_id}";
    expect((status.structuredContent as { problem: string }).problem).toContain(problem);
    const credentialLines = session
      .stderr()
      .split("\n")
      .filter((line) => line.includes("SSN_CLIENT_ID"));
    expect(credentialLines).toHaveLength(1);
    expect(credentialLines[0]).toContain(problem);
    expect(credentialLines[0]).toContain(
      "SSN_CLIENT_SECRET holds an encrypted value the launcher did not decrypt",
    );
    expect(session.stderr()).not.toContain("c2VjcmV0LXZhbHVl");
  });
});

describe("the npm package installed into an empty directory", () => {
  it("holds only what runs: the bundle, README, LICENSE and package.json, and no dependencies", async () => {
    const files = await filesUnder(join(installed, "node_modules/ssn-mcp"));
    expect(files.filter((file) => !file.startsWith("dist/bundle/chunks/"))).toEqual([
      "LICENSE",
      "README.md",
      "dist/bundle/ssn-mcp.mjs",
      "package.json",
    ]);
    expect(files.some((file) => /^dist\/bundle\/chunks\/chunk-\w+\.mjs$/.test(file))).toBe(true);
    expect((await readdir(join(installed, "node_modules"))).filter((name) => !name.startsWith("."))).toEqual([
      "ssn-mcp",
    ]);
  });

  it("npx ssn-mcp --version prints the version", async () => {
    const { stdout } = await run("npx", ["--offline", "ssn-mcp", "--version"], {
      cwd: installed,
      env: userEnv,
    });
    expect(stdout).toBe(`${version}\n`);
  });

  it("ssn-mcp emulator serves the SSN API on the port it prints", async () => {
    const child = spawn(join(installed, "node_modules/.bin/ssn-mcp"), ["emulator", "--port", "0"], {
      env: userEnv,
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [firstLine] = (await once(child.stdout, "data")) as [Buffer];
      const baseUrl = /listening on (http:\/\/\S+)/.exec(firstLine.toString())?.[1];
      const health = await fetch(new URL("/_emulator/health", baseUrl));
      expect(health.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });

  it("ssn-mcp --local-sandbox answers tools/list with every tool", async () => {
    const bin = join(installed, "node_modules/.bin/ssn-mcp");
    const session = await connect(bin, ["--local-sandbox"], userEnv);
    sessions.push(session);
    const { tools } = await session.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(manifest.tools?.map((tool) => tool.name));
  });
});
