// manifest.json is written by hand except its version, tools and prompts, which come from package.json
// and the code's own registry. `npm run manifest` rewrites those; `--check` fails, naming what differs,
// when manifest.json is behind the code.
//   node scripts/manifest.mjs                      rewrite manifest.json
//   node scripts/manifest.mjs --check [file]       compare (default manifest.json) and exit 1 on drift
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { build } from "esbuild";
import { NODE_ESM, ROOT } from "./bundle.mjs";

export const MANIFEST_FILE = `${ROOT}manifest.json`;
const REGENERATE = "npm run manifest";

/** The TOOLS and PROMPTS registries from src; Node 20 cannot import TypeScript, so they are bundled first. */
async function loadRegistries() {
  const dir = await mkdtemp(join(tmpdir(), "ssn-mcp-manifest-"));
  try {
    const outfile = join(dir, "registries.mjs");
    await build({
      ...NODE_ESM,
      stdin: {
        contents:
          'export { TOOLS } from "./src/mcp/tools/index.js"; export { PROMPTS } from "./src/mcp/prompts/index.js";',
        resolveDir: ROOT,
        loader: "ts",
      },
      outfile,
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A prompt as the manifest declares it. Its registration runs against a stand-in server that keeps
 * what it is given; the text is the prompt rendered with `${arguments.NAME}` for each argument. A
 * prompt built from SSN data cannot be rendered without the API, so its description stands in.
 */
async function describePrompt(prompt) {
  let declared;
  const recorder = { registerPrompt: (name, config, render) => (declared = { name, config, render }) };
  const needsApi = new Error("no SSN API while generating the manifest");
  const noApi = new Proxy({}, { get: throwNeedsApi });
  function throwNeedsApi() {
    throw needsApi;
  }
  prompt.register(recorder, noApi);
  const argumentNames = Object.keys(declared.config.argsSchema?.shape ?? {});
  const placeholders = Object.fromEntries(argumentNames.map((name) => [name, `\${arguments.${name}}`]));
  const text = await Promise.resolve()
    .then(() => declared.render(placeholders, {}))
    .then(
      ({ messages }) => messages.map(({ content }) => content.text ?? "").join("\n\n"),
      (error) => {
        if (error !== needsApi) throw error;
        return `${declared.config.description} (built from SSN data when it is requested)`;
      },
    );
  return { name: declared.name, description: declared.config.description, arguments: argumentNames, text };
}

/** The parts of manifest.json that the code decides. */
export async function generatedParts() {
  const { version } = JSON.parse(await readFile(`${ROOT}package.json`, "utf8"));
  const { TOOLS, PROMPTS } = await loadRegistries();
  return {
    version,
    tools: TOOLS.map(({ name, description }) => ({ name, description })),
    prompts: await Promise.all(PROMPTS.map(describePrompt)),
  };
}

/** One line per generated part that differs, saying how. */
export function describeDrift(manifest, expected) {
  const lines = [];
  if (manifest.version !== expected.version) {
    lines.push(
      `version is ${JSON.stringify(manifest.version)}, package.json has ${JSON.stringify(expected.version)}`,
    );
  }
  for (const part of ["tools", "prompts"]) {
    if (!Array.isArray(manifest[part])) {
      lines.push(`${part}: the list is missing`);
      continue;
    }
    const listed = new Map(manifest[part].map((entry) => [entry.name, entry]));
    const wanted = new Map(expected[part].map((entry) => [entry.name, entry]));
    const partLines = [];
    for (const name of wanted.keys()) if (!listed.has(name)) partLines.push(`${part}: ${name} is missing`);
    for (const name of listed.keys())
      if (!wanted.has(name)) partLines.push(`${part}: ${name} is not in the code`);
    for (const [name, entry] of wanted) {
      if (listed.has(name) && !isDeepStrictEqual(listed.get(name), entry)) {
        partLines.push(`${part}: ${name} differs from the code's`);
      }
    }
    if (partLines.length === 0 && !isDeepStrictEqual(manifest[part], expected[part])) {
      partLines.push(`${part}: the order differs from the code's`);
    }
    lines.push(...partLines);
  }
  return lines;
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { check: { type: "boolean" } },
    allowPositionals: true,
  });
  const file = positionals[0] ?? MANIFEST_FILE;
  const manifest = JSON.parse(await readFile(file, "utf8"));
  const expected = await generatedParts();
  if (values.check) {
    const drift = describeDrift(manifest, expected);
    if (drift.length === 0) return 0;
    process.stderr.write(
      `${file} is out of date with the code:\n${drift.map((line) => `  - ${line}\n`).join("")}Regenerate it with: ${REGENERATE}\n`,
    );
    return 1;
  }
  // Keep the hand-written fields and their order; replace only the generated ones.
  await writeFile(file, `${JSON.stringify({ ...manifest, ...expected }, null, 2)}\n`);
  // Biome owns the file's formatting (npm test runs biome ci), so let it lay the JSON out.
  const biome = [`${ROOT}node_modules/@biomejs/biome/bin/biome`, "format", "--write", file];
  if (spawnSync(process.execPath, biome, { stdio: "inherit" }).status !== 0) return 1;
  process.stderr.write(
    `updated ${file}: version ${expected.version}, ${expected.tools.length} tools, ${expected.prompts.length} prompts\n`,
  );
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await main();
