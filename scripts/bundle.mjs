// The bundled server: one ESM entry with every dependency inside (plus chunks only some modes
// load), so a cold start reads one module instead of walking hundreds, and the MCP bundle and the
// npm package need no node_modules.
import { chmod, mkdir, readdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BUNDLE_FILE = `${ROOT}dist/bundle/ssn-mcp.mjs`;

/** What every esbuild run here shares: Node 20, ESM, CommonJS dependencies given a `require`. */
export const NODE_ESM = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // CommonJS dependencies (undici) call require() for Node built-ins; ESM output has none of its own.
  banner: {
    js: 'import { createRequire as __ssnCreateRequire } from "node:module"; const require = __ssnCreateRequire(import.meta.url);',
  },
  logLevel: "warning",
};

/**
 * Bundles src/cli.ts (its `#!/usr/bin/env node` line comes along) into `<dir>/ssn-mcp.mjs`, with
 * what only some modes load — HTTP mode, the emulator, the local sandbox — split into
 * `<dir>/chunks/`, so a stdio start reads and compiles none of it.
 */
export async function bundleServer(outfile = BUNDLE_FILE) {
  const dir = dirname(outfile);
  const entry = basename(outfile);
  // Built beside it, then moved: a server or `npm pack` running meanwhile never reads half a file.
  const staging = `${dir}.${process.pid}.partial`;
  await rm(staging, { recursive: true, force: true });
  await build({
    ...NODE_ESM,
    entryPoints: { [basename(entry, ".mjs")]: `${ROOT}src/cli.ts` },
    outdir: staging,
    splitting: true,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
  });
  await mkdir(join(dir, "chunks"), { recursive: true });
  const chunks = await readdir(join(staging, "chunks"));
  // Chunk names carry their content's hash, so new ones never overwrite what a running server uses.
  for (const chunk of chunks) await rename(join(staging, "chunks", chunk), join(dir, "chunks", chunk));
  await chmod(join(staging, entry), 0o755);
  await rename(join(staging, entry), outfile);
  await rm(staging, { recursive: true, force: true });
  // Chunks of earlier builds would only be published along: drop them.
  for (const old of await readdir(join(dir, "chunks"))) {
    if (!chunks.includes(old)) await rm(join(dir, "chunks", old), { force: true });
  }
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outfile = await bundleServer();
  process.stderr.write(`bundled ${outfile.slice(ROOT.length)}\n`);
}
