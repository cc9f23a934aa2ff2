// `npm run pack`: the MCP bundle ssn-mcp-<version>.mcpb for Claude Desktop. Its staging directory holds
// only what runs and what the manifest names: manifest.json, the icon, the license and the single-file
// server at the manifest's entry_point (it needs no node_modules).
//   node scripts/pack.mjs [--out-dir DIR]     (default: the repository root)
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { packExtension } from "@anthropic-ai/mcpb";
import { bundleServer, ROOT } from "./bundle.mjs";
import { describeDrift, generatedParts, MANIFEST_FILE } from "./manifest.mjs";

const { values } = parseArgs({ options: { "out-dir": { type: "string", default: ROOT } } });
const manifest = JSON.parse(await readFile(MANIFEST_FILE, "utf8"));

const drift = describeDrift(manifest, await generatedParts());
if (drift.length > 0) {
  process.stderr.write(
    `manifest.json is out of date with the code (${drift.join("; ")}); run npm run manifest\n`,
  );
  process.exit(1);
}

const staging = await mkdtemp(join(tmpdir(), "ssn-mcp-mcpb-"));
try {
  const entry = join(staging, manifest.server.entry_point);
  await mkdir(dirname(entry), { recursive: true });
  // mcpb pack does not check that entry_point exists; building straight into it guarantees it does.
  await bundleServer(entry);
  for (const file of ["manifest.json", manifest.icon, "LICENSE"])
    await copyFile(join(ROOT, file), join(staging, file));
  const output = resolve(values["out-dir"], `${manifest.name}-${manifest.version}.mcpb`);
  // mcpb lists the archive's files relative to the working directory.
  process.chdir(staging);
  if (!(await packExtension({ extensionPath: staging, outputPath: output, silent: false })))
    process.exitCode = 1;
} finally {
  process.chdir(ROOT);
  await rm(staging, { recursive: true, force: true });
}
