// What the bench runs that `npm run build` does not make: the bare servers, bundled exactly like
// ssn-mcp (the same esbuild options, from scripts/bundle.mjs).
import { mkdir } from "node:fs/promises";
import { build } from "esbuild";
import { BUNDLE_FILE, bundleServer, NODE_ESM, ROOT } from "../../scripts/bundle.mjs";

export { ROOT };
export const BENCH_DIR = `${ROOT}bench/`;
export const TSC_ENTRY = `${ROOT}dist/cli.js`;

/**
 * Bundles the bare servers into `outDir`. With `bundleSsnMcp` (the smoke run, which must not touch
 * dist/bundle while other tests may) it bundles ssn-mcp there too; otherwise it uses
 * dist/bundle/ssn-mcp.mjs from `npm run build`.
 */
export async function buildServers(outDir, { bundleSsnMcp = false } = {}) {
  await mkdir(outDir, { recursive: true });
  const bundle = async (name) => {
    await build({ ...NODE_ESM, entryPoints: [`${BENCH_DIR}${name}`], outfile: `${outDir}/${name}` });
    return `${outDir}/${name}`;
  };
  return {
    bareBundle: await bundle("bare-server.mjs"),
    bareHttpBundle: await bundle("bare-http-server.mjs"),
    ssnBundle: bundleSsnMcp ? await bundleServer(`${outDir}/ssn-mcp.mjs`) : BUNDLE_FILE,
  };
}
