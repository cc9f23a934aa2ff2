import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEmulatorCommand, startupWarnings } from "../../src/emulator/command.js";
import { parseSeed } from "../../src/emulator/index.js";
import { request } from "./helpers.js";

/** Runs the command in-process; `stop()` plays the part of SIGINT once it is listening. */
function runCommand(argv: string[]) {
  const out = { stdout: "", stderr: "" };
  let stop = () => {};
  let markListening = () => {};
  const listening = new Promise<void>((resolve) => {
    markListening = resolve;
  });
  const exitCode = runEmulatorCommand(argv, {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    untilStopped: () => {
      markListening();
      return new Promise<void>((resolve) => {
        stop = resolve;
      });
    },
  });
  return { out, exitCode, listening, stop: () => stop() };
}

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "ssn-emulator-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function seedFile(name: string, content: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, content);
  return path;
}

describe("ssn-mcp emulator", () => {
  it("listens, prints one line to stdout, and exits 0 when stopped", async () => {
    const run = runCommand(["--port", "0", "--environment", "sandbox"]);
    await run.listening;
    const match = /^SSN emulator listening on (http:\/\/127\.0\.0\.1:\d+\/api\/v1)\n$/.exec(run.out.stdout);
    expect(match).not.toBeNull();
    const origin = match?.[1]?.replace("/api/v1", "");
    expect((await request(`${origin}/_emulator/health`)).body).toEqual({ ok: true, environment: "sandbox" });
    run.stop();
    expect(await run.exitCode).toBe(0);
    expect(run.out.stderr).toContain("GET /_emulator/health 200");
    expect(run.out.stderr).not.toContain("warning");
  });

  it("loads a seed file", async () => {
    const seed = { clients: [{ clientId: "acme", clientSecret: "acme-secret", scopes: ["sites:read"] }] };
    const run = runCommand(["--port", "0", "--seed", await seedFile("good.json", JSON.stringify(seed))]);
    await run.listening;
    const baseUrl = run.out.stdout.trim().split(" ").pop();
    const token = await request(`${baseUrl}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=acme&client_secret=acme-secret",
    });
    expect(token.body.scope).toBe("sites:read");
    run.stop();
    expect(await run.exitCode).toBe(0);
  });

  it("prints usage for --help", async () => {
    const run = runCommand(["--help"]);
    expect(await run.exitCode).toBe(0);
    expect(run.out.stdout).toContain("Usage: ssn-mcp emulator");
  });

  it.each([
    [["--bogus"], "--bogus"],
    [["--port"], "--port"],
    [["--port", "http"], "--port"],
    [["--port", "70000"], "--port"],
    [["--token-ttl", "0"], "--token-ttl"],
    [["--environment", "Local Dev"], "--environment"],
    [["extra"], "extra"],
  ])("exits 2 naming the bad flag (%s)", async (argv, named) => {
    const run = runCommand(argv);
    expect(await run.exitCode).toBe(2);
    expect(run.out.stderr).toContain(named);
    expect(run.out.stdout).toBe("");
  });

  it("exits 2 naming the bad field of an invalid seed file", async () => {
    const seed = { clients: [{ clientId: "acme", clientSecret: "s", scopes: ["sites:delete"] }] };
    const run = runCommand(["--seed", await seedFile("bad.json", JSON.stringify(seed))]);
    expect(await run.exitCode).toBe(2);
    expect(run.out.stderr).toContain("clients.0.scopes.0");
  });

  it("exits 2 for a seed file that is missing or not JSON", async () => {
    const missing = runCommand(["--seed", join(directory, "missing.json")]);
    expect(await missing.exitCode).toBe(2);
    expect(missing.out.stderr).toContain("missing.json");
    const notJson = runCommand(["--seed", await seedFile("broken.json", "{")]);
    expect(await notJson.exitCode).toBe(2);
    expect(notJson.out.stderr).toContain("not valid JSON");
  });

  it("exits 1 when the port is taken", async () => {
    const first = runCommand(["--port", "0"]);
    await first.listening;
    const port = /:(\d+)\//.exec(first.out.stdout)?.[1] ?? "";
    const second = runCommand(["--port", port]);
    expect(await second.exitCode).toBe(1);
    expect(second.out.stderr).toContain("cannot start");
    first.stop();
    expect(await first.exitCode).toBe(0);
  });
});

describe("startup warnings", () => {
  it("warns about a non-loopback host, and about demo secrets there", () => {
    expect(startupWarnings("127.0.0.1", undefined)).toEqual([]);
    expect(startupWarnings("::1", undefined)).toEqual([]);
    expect(startupWarnings("0.0.0.0", undefined)).toHaveLength(2);
    const ownSeed = parseSeed({ clients: [{ clientId: "acme", clientSecret: "long-random", scopes: [] }] });
    expect(startupWarnings("0.0.0.0", ownSeed)).toHaveLength(1);
  });
});
