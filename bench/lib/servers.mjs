// The servers the bench starts, each as `node <entry> ...args` with its whole environment: ssn-mcp
// (bundled and unbundled), the bare one-tool server, and peer servers from bench/node_modules, which
// all start offline with fake credentials.
import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { BENCH_DIR, TSC_ENTRY } from "./build.mjs";

const PEERS_DIR = `${BENCH_DIR}node_modules/`;

/** ssn-mcp with the demo credential against the emulator: its initialize answer waits for the token. */
export function ssnMcp(name, entry, emulator, args = []) {
  return {
    name,
    entry,
    args,
    env: {
      SSN_ENVIRONMENT: "local",
      SSN_BASE_URL: emulator.baseUrl,
      SSN_CLIENT_ID: emulator.credential.clientId,
      SSN_CLIENT_SECRET: emulator.credential.clientSecret,
    },
  };
}

/** The ssn-mcp builds and the bare server, named as every table names them. */
export function ownServers({ ssnBundle, bareBundle, bareHttpBundle }, emulator) {
  const bareEnv = { SSN_BASE_URL: emulator.baseUrl, SSN_ACCESS_TOKEN: emulator.accessToken };
  return {
    bundle: ssnMcp("ssn-mcp (bundle)", ssnBundle, emulator),
    noCredential: { name: "ssn-mcp (bundle, no credential)", entry: ssnBundle, args: [], env: {} },
    tsc: ssnMcp("ssn-mcp (tsc output)", TSC_ENTRY, emulator),
    bare: { name: "bare SDK server", entry: bareBundle, args: [], env: bareEnv },
    bareHttp: { name: "bare SDK server http (stateless)", entry: bareHttpBundle, args: [], env: bareEnv },
  };
}

/** The file a package's `bin` runs, so the peer starts as `node <file>` like ours (no npx, no shim). */
function binEntry(packageName) {
  const dir = `${PEERS_DIR}${packageName}/`;
  const { bin } = JSON.parse(readFileSync(`${dir}package.json`, "utf8"));
  return dir + (typeof bin === "string" ? bin : Object.values(bin)[0]);
}

const PEERS = [
  {
    name: "server-filesystem",
    pkg: "@modelcontextprotocol/server-filesystem",
    args: (work) => [`${work}/files`],
  },
  { name: "server-everything", pkg: "@modelcontextprotocol/server-everything" },
  {
    name: "server-memory",
    pkg: "@modelcontextprotocol/server-memory",
    env: (work) => ({ MEMORY_FILE_PATH: `${work}/memory.jsonl` }),
  },
  {
    name: "server-github",
    pkg: "@modelcontextprotocol/server-github",
    env: () => ({ GITHUB_PERSONAL_ACCESS_TOKEN: "ghp_bench_fake_token" }),
  },
  { name: "stripe", pkg: "@stripe/mcp", args: () => ["--tools=all", "--api-key=sk_test_x"] },
  {
    name: "notion",
    pkg: "@notionhq/notion-mcp-server",
    env: () => ({ NOTION_TOKEN: "ntn_bench_fake_token" }),
  },
  // No SENTRY_DSN in its environment: its telemetry stays off.
  { name: "sentry", pkg: "@sentry/mcp-server", args: () => ["--access-token=sntrys_bench_fake_token"] },
];

export const PEER_PACKAGES = PEERS.map((peer) => peer.pkg);

export const peersInstalled = () => PEERS.every((peer) => existsSync(`${PEERS_DIR}${peer.pkg}/package.json`));

/** The peers, with `workDir` for the files some of them need (a folder to serve, a memory file). */
export async function peerServers(workDir) {
  await mkdir(`${workDir}/files`, { recursive: true });
  return PEERS.map((peer) => {
    const { version } = JSON.parse(readFileSync(`${PEERS_DIR}${peer.pkg}/package.json`, "utf8"));
    return {
      name: peer.name,
      package: `${peer.pkg}@${version}`,
      entry: binEntry(peer.pkg),
      args: peer.args?.(workDir) ?? [],
      env: peer.env?.(workDir) ?? {},
    };
  });
}
