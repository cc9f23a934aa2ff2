import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
  bin: Record<string, string>;
  files: string[];
  dependencies?: Record<string, string>;
};

describe("the npm package publishes only what runs", () => {
  it("its bin and its only file are the single-file bundle", () => {
    expect(pkg.bin).toEqual({ "ssn-mcp": "dist/bundle/ssn-mcp.mjs" });
    expect(pkg.files).toEqual(["dist/bundle/"]);
  });

  it("declares no runtime dependencies: the bundle carries them", () => {
    // A declared dependency would be downloaded by every `npx ssn-mcp` although the bundle never loads it,
    // and the offline install of the tarball (artifacts.test.ts) would fail.
    const declared = Object.keys(pkg.dependencies ?? {});
    expect(
      declared,
      `move ${declared.join(", ")} to devDependencies (npm install -D …): esbuild bundles it into dist/bundle/ssn-mcp.mjs`,
    ).toEqual([]);
  });
});
