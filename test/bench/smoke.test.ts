import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// The bench with tiny counts and no peers: it still runs end to end. Nothing here looks at speed.
describe("npm run bench, as a smoke run (BENCH_SMOKE=1)", () => {
  it("runs all five measurements, prints their tables and the goals, and writes its results", async () => {
    const resultsDir = await mkdtemp(join(tmpdir(), "ssn-mcp-bench-smoke-"));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(ROOT, "bench/run.mjs"), "--results-dir", resultsDir],
        { env: { ...process.env, BENCH_SMOKE: "1" }, timeout: 60_000 },
      );
      for (const title of [
        "Cold start",
        "Tool-call overhead",
        "HTTP throughput",
        "Memory",
        "Context cost",
        "Goals",
      ]) {
        expect(stdout).toContain(`### ${title}`);
      }
      const results = JSON.parse(await readFile(join(resultsDir, "latest.json"), "utf8"));
      expect(results).toMatchObject({ command: "npm run bench", smoke: true });
      expect(results.coldStart.servers.map((server: { name: string }) => server.name)).toContain(
        "ssn-mcp (bundle)",
      );
      expect(results.contextCost.servers[0]).toMatchObject({ name: "ssn-mcp (bundle)", undescribed: 0 });
      expect(results.goals.length).toBeGreaterThanOrEqual(9);
    } finally {
      await rm(resultsDir, { recursive: true, force: true });
    }
  }, 60_000);
});
