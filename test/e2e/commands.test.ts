import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { connectServer, SERVER_ENTRY, serverEnv } from "./harness.js";

const run = promisify(execFile);
const DEMO_ENTRY = fileURLToPath(new URL("../../dist/demo.js", import.meta.url));

describe("the commands a user runs", () => {
  it("npm run demo walks the guide's path and exits 0", async () => {
    const { stdout } = await run(process.execPath, [DEMO_ENTRY], { env: serverEnv({}) });
    expect(stdout).toContain("→ create_site_visit");
    expect(stdout).toContain("Assets (456, 457)");
    expect(stdout).toContain("sites:write");
    expect(stdout).toContain("Demo complete: every step behaved.");
  });

  it("ssn-mcp --local-sandbox serves the demo data with no SSN credential, and says so", async () => {
    const server = await connectServer(serverEnv({}), "v2", ["--local-sandbox"]);
    try {
      const status = (await server.client.callTool({ name: "ssn_status", arguments: {} })) as {
        structuredContent: {
          localSandbox: boolean;
          connected: boolean;
          clientId: string;
          environment: string;
        };
      };
      expect(status.structuredContent).toMatchObject({
        localSandbox: true,
        connected: true,
        clientId: "demo-client",
        environment: "local",
      });
      const projects = (await server.client.callTool({ name: "list_projects", arguments: {} })) as {
        structuredContent: { projects: { id: number }[] };
      };
      expect(projects.structuredContent.projects.map((p) => p.id)).toEqual([123]);
      expect(server.stderr()).toContain("local sandbox: the built-in SSN emulator runs at http://127.0.0.1:");
    } finally {
      await server.close();
    }
  });

  it("ssn-mcp emulator --port 0 prints where it listens, serves, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [SERVER_ENTRY, "emulator", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const [firstLine] = (await once(child.stdout, "data")) as [Buffer];
    const match = /^SSN emulator listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v1)\n/.exec(
      firstLine.toString(),
    );
    expect(match).not.toBeNull();
    const health = await fetch(new URL("/_emulator/health", match?.[1]));
    expect(await health.json()).toEqual({ ok: true, environment: "local" });
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number];
    expect(code).toBe(0);
  });

  it("a bad setting stops the start with one line naming it", async () => {
    const failure = await run(process.execPath, [SERVER_ENTRY], {
      env: serverEnv({ SSN_ENVIRONMENT: "staging" }),
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(
      'SSN_ENVIRONMENT / --environment is not valid (got "staging")',
    );
  });

  it("an unknown tool name in SSN_TOOLS stops the start, listing the known tools", async () => {
    const failure = await run(process.execPath, [SERVER_ENTRY, "--local-sandbox"], {
      env: serverEnv({ SSN_TOOLS: "get_site_visit,make_coffee" }),
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(
      "SSN_TOOLS / --tools names unknown tools: make_coffee; known tools: ssn_status",
    );
  });
});
