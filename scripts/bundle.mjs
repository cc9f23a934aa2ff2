// The single-file server: one ESM file with every dependency inside, so a cold start reads one
// module instead of walking hundreds, and the MCP bundle and the npm package need no node_modules.
import { chmod, rename } from "node:fs/promises";
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

/** Bundles src/cli.ts (its `#!/usr/bin/env node` line comes along) into dist/bundle/ssn-mcp.mjs. */
export async function bundleServer(outfile = BUNDLE_FILE) {
  // Written beside it, then renamed: a server or `npm pack` running meanwhile never reads half a file.
  const partial = `${outfile}.${process.pid}.partial`;
  await build({ ...NODE_ESM, entryPoints: [`${ROOT}src/cli.ts`], outfile: partial });
  await chmod(partial, 0o755);
  await rename(partial, outfile);
  return outfile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outfile = await bundleServer();
  process.stderr.write(`bundled ${outfile.slice(ROOT.length)}\n`);
}
