import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { TOOLS } from "../../src/mcp/tools/index.js";
import { fetchToolList, type ToolList } from "./tool-list.js";

/**
 * One committed file per tool with its whole `tools/list` entry, so any change to what clients
 * see (a description, a schema, a tool added or removed) fails here until it is looked at and
 * the snapshots are rewritten with vitest's own update flag.
 */
const UPDATE_COMMAND = "npm run test:update-snapshots";
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SNAPSHOT_DIR = fileURLToPath(new URL("../snapshots/tools/", import.meta.url));

let listed: ToolList;
beforeAll(async () => {
  listed = await fetchToolList();
});

/** True under `vitest -u`, the only mode that rewrites snapshots. */
function updating(): boolean {
  return expect.getState().snapshotState.snapshotUpdateState === "all";
}

function snapshotPath(name: string): string {
  return `${SNAPSHOT_DIR}${name}.json`;
}

/** Compared after parsing, so Biome's line layout of the committed file does not count; key order does. */
function canonical(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Writes the file in the layout `biome ci` expects of committed JSON. */
function writeSnapshot(name: string, entry: unknown): void {
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  writeFileSync(snapshotPath(name), `${canonical(entry)}\n`);
  execFileSync(
    process.execPath,
    [`${ROOT}node_modules/@biomejs/biome/bin/biome`, "format", "--write", snapshotPath(name)],
    { cwd: ROOT, stdio: "ignore" },
  );
}

describe("tool snapshots (test/snapshots/tools)", () => {
  it("has a snapshot for each listed tool and none for a tool that is gone", () => {
    const names = new Set(listed.tools.map((tool) => tool.name));
    const stale = existsSync(SNAPSHOT_DIR)
      ? readdirSync(SNAPSHOT_DIR)
          .filter((file) => file.endsWith(".json"))
          .map((file) => file.slice(0, -".json".length))
          .filter((name) => !names.has(name))
      : [];
    if (updating()) {
      for (const name of stale) rmSync(snapshotPath(name));
      return;
    }
    expect(stale, `snapshots of tools no longer listed; run \`${UPDATE_COMMAND}\` to remove them`).toEqual(
      [],
    );
  });

  it.each(TOOLS.map((tool) => tool.name))("%s matches its snapshot", (name) => {
    const entry = listed.tools.find((tool) => tool.name === name);
    expect(entry, `${name} is not in tools/list`).toBeDefined();
    if (updating()) writeSnapshot(name, entry);
    const file = snapshotPath(name);
    expect(
      existsSync(file),
      `${name} has no snapshot; run \`${UPDATE_COMMAND}\` and commit test/snapshots/tools/${name}.json`,
    ).toBe(true);
    expect(
      canonical(entry),
      `${name} changed in tools/list; if that is intended, run \`${UPDATE_COMMAND}\` and commit the snapshot`,
    ).toBe(canonical(JSON.parse(readFileSync(file, "utf8"))));
  });
});
